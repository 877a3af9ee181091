// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title SubnetTypes
/// @notice Structs shared by SubnetManager and NeuronManager. The library name and field order are
///         part of the public ABI (tuple layouts and `internalType` strings), so never reorder them.
library SubnetTypes {
    /// @dev 21 fields; `useCustomFlags[i]` of the partial-custom registrations selects field i.
    struct SubnetHyperparams {
        uint16 rho;
        uint16 kappa;
        uint16 immunityPeriod;
        uint16 tempo;
        uint16 maxValidators;
        uint16 activityCutoff;
        uint16 maxAllowedUids;
        uint16 maxAllowedValidators;
        uint16 minAllowedWeights;
        uint16 maxWeightsLimit;
        uint256 baseNeuronCost;
        uint64 currentDifficulty;
        uint16 targetRegsPerInterval;
        uint16 maxRegsPerBlock;
        uint64 weightsRateLimit;
        bool registrationAllowed;
        bool commitRevealEnabled;
        uint64 commitRevealPeriod;
        uint64 servingRateLimit;
        uint256 validatorThreshold;
        uint256 neuronThreshold;
    }

    struct SubnetInfo {
        uint16 netuid;
        address owner;
        address alphaToken;
        address ammPool;
        uint256 lockedAmount;
        uint256 poolInitialTao;
        uint256 burnedAmount;
        uint256 createdAt; // block timestamp
        bool isActive;
        string name;
        string description;
    }

    struct NeuronInfo {
        address account;
        uint16 netuid;
        bool isActive;
        bool isValidator;
        uint256 stake;
        uint64 registrationBlock;
        uint256 lastUpdate; // block timestamp
        string axonEndpoint;
        uint32 axonPort;
        string prometheusEndpoint;
        uint32 prometheusPort;
    }
}
