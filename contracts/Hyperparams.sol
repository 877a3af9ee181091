// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {SubnetTypes} from "./interfaces/ISubnetTypes.sol";

// Defaults, merge and validation of subnet hyperparameters (docs/contracts.md#hyperparameters). Free
// functions, so they are inlined into the SubnetManager and produce no artifact of their own.

/// @dev The reference defaults. Its weightsRateLimit 15000 fails its own validation (must be in
///      (immunityPeriod, 10000]): kept under the public rules; the fixed rules use 8000, which stays
///      above the default immunity of 7200.
function defaultHyperparams(bool publicRules) pure returns (SubnetTypes.SubnetHyperparams memory) {
    return SubnetTypes.SubnetHyperparams({
        rho: 10,
        kappa: 32767,
        immunityPeriod: 7200,
        tempo: 99,
        maxValidators: 64,
        activityCutoff: 5000,
        maxAllowedUids: 4096,
        maxAllowedValidators: 128,
        minAllowedWeights: 8,
        maxWeightsLimit: 1000,
        baseNeuronCost: 1e18,
        currentDifficulty: 10_000_000,
        targetRegsPerInterval: 2,
        maxRegsPerBlock: 1,
        weightsRateLimit: publicRules ? 15000 : 8000,
        registrationAllowed: true,
        commitRevealEnabled: false,
        commitRevealPeriod: 1000,
        servingRateLimit: 50,
        validatorThreshold: 500e18,
        neuronThreshold: 200e18
    });
}

/// @notice Field i comes from `custom` when `flags[i]`, else from the defaults.
function mergeHyperparams(SubnetTypes.SubnetHyperparams calldata custom, bool[21] calldata flags, bool publicRules)
    pure
    returns (SubnetTypes.SubnetHyperparams memory p)
{
    p = defaultHyperparams(publicRules);
    if (flags[0]) p.rho = custom.rho;
    if (flags[1]) p.kappa = custom.kappa;
    if (flags[2]) p.immunityPeriod = custom.immunityPeriod;
    if (flags[3]) p.tempo = custom.tempo;
    if (flags[4]) p.maxValidators = custom.maxValidators;
    if (flags[5]) p.activityCutoff = custom.activityCutoff;
    if (flags[6]) p.maxAllowedUids = custom.maxAllowedUids;
    if (flags[7]) p.maxAllowedValidators = custom.maxAllowedValidators;
    if (flags[8]) p.minAllowedWeights = custom.minAllowedWeights;
    if (flags[9]) p.maxWeightsLimit = custom.maxWeightsLimit;
    if (flags[10]) p.baseNeuronCost = custom.baseNeuronCost;
    if (flags[11]) p.currentDifficulty = custom.currentDifficulty;
    if (flags[12]) p.targetRegsPerInterval = custom.targetRegsPerInterval;
    if (flags[13]) p.maxRegsPerBlock = custom.maxRegsPerBlock;
    if (flags[14]) p.weightsRateLimit = custom.weightsRateLimit;
    if (flags[15]) p.registrationAllowed = custom.registrationAllowed;
    if (flags[16]) p.commitRevealEnabled = custom.commitRevealEnabled;
    if (flags[17]) p.commitRevealPeriod = custom.commitRevealPeriod;
    if (flags[18]) p.servingRateLimit = custom.servingRateLimit;
    if (flags[19]) p.validatorThreshold = custom.validatorThreshold;
    if (flags[20]) p.neuronThreshold = custom.neuronThreshold;
}

/// @notice The reference range checks (docs/contracts.md#hyperparameters, "valid range").
function validHyperparams(SubnetTypes.SubnetHyperparams memory p) pure returns (bool) {
    return p.rho >= 1 && p.rho <= 1000 && p.kappa != 0 && p.immunityPeriod >= 1 && p.immunityPeriod <= 100000
        && p.tempo >= 1 && p.tempo <= 10000 && p.maxValidators >= 1 && p.maxValidators <= p.maxAllowedValidators
        && p.activityCutoff >= 1 && p.activityCutoff <= 50000 && p.maxAllowedUids >= 1
        && p.maxAllowedValidators >= 1 && p.maxAllowedValidators <= 1000 && p.minAllowedWeights >= 1
        && p.minAllowedWeights <= p.maxWeightsLimit && p.maxWeightsLimit >= 1 && p.maxWeightsLimit <= 10000
        && p.baseNeuronCost != 0 && p.currentDifficulty != 0 && p.targetRegsPerInterval >= 1
        && p.targetRegsPerInterval <= 100 && p.maxRegsPerBlock >= 1 && p.maxRegsPerBlock <= 10
        && p.weightsRateLimit > p.immunityPeriod && p.weightsRateLimit <= 10000 && p.commitRevealPeriod >= 1
        && p.commitRevealPeriod <= 10000 && p.servingRateLimit >= 1 && p.servingRateLimit <= 1000
        && p.validatorThreshold >= p.neuronThreshold && p.neuronThreshold != 0;
}
