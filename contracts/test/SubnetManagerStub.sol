// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {SubnetTypes} from "../interfaces/ISubnetTypes.sol";

/// @title SubnetManagerStub
/// @notice Test-only stand-in for the views NeuronManager reads from SubnetManager, with the spec's
///         default thresholds and caps. Lets the staking contracts be tested on their own.
contract SubnetManagerStub {
    mapping(uint16 => bool) public subnetExists;
    mapping(uint16 => bool) private _active;
    mapping(uint16 => SubnetTypes.SubnetHyperparams) private _params;

    function addSubnet(uint16 netuid, bool active) external {
        subnetExists[netuid] = true;
        _active[netuid] = active;
        SubnetTypes.SubnetHyperparams storage p = _params[netuid];
        p.maxAllowedUids = 4096;
        p.maxAllowedValidators = 128;
        p.baseNeuronCost = 1 ether;
        p.validatorThreshold = 500 ether;
        p.neuronThreshold = 200 ether;
    }

    function setActive(uint16 netuid, bool active) external {
        _active[netuid] = active;
    }

    function setLimits(uint16 netuid, uint16 maxUids, uint16 maxValidators, uint256 cost, uint256 validatorThreshold, uint256 neuronThreshold) external {
        SubnetTypes.SubnetHyperparams storage p = _params[netuid];
        p.maxAllowedUids = maxUids;
        p.maxAllowedValidators = maxValidators;
        p.baseNeuronCost = cost;
        p.validatorThreshold = validatorThreshold;
        p.neuronThreshold = neuronThreshold;
    }

    function isSubnetActive(uint16 netuid) external view returns (bool) {
        require(subnetExists[netuid], "SUBNET_NOT_EXISTS");
        return _active[netuid];
    }

    function getSubnetParams(uint16 netuid) external view returns (SubnetTypes.SubnetHyperparams memory) {
        require(subnetExists[netuid], "SUBNET_NOT_EXISTS");
        return _params[netuid];
    }
}
