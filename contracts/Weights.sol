// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {INeuronManager} from "./interfaces/INeuronManager.sol";

/// @title Weights
/// @notice Validators publish their weight vector over a subnet's neurons; the chain reads WeightsSet.
/// @dev The public contract has no source; its ABI and the CLI fix the surface. Here only a registered
///      validator of the subnet may set weights, each call replaces the whole vector, and each weight is
///      in 0..1_000_000 (1_000_000 = 1.0).
contract Weights {
    struct Weight {
        address dest;
        uint256 weight;
    }

    uint256 private constant MAX_WEIGHT = 1_000_000;
    uint256 private constant MAX_WEIGHTS = 4096;

    INeuronManager public immutable neuronManager;

    /// @dev (position + 1) << 128 | weight, so a zero weight still marks the dest as present (duplicate check).
    mapping(uint16 => mapping(address => mapping(address => uint256))) private _entries;
    mapping(uint16 => mapping(address => address[])) private _dests;

    event WeightsSet(uint16 indexed netuid, address indexed validator, Weight[] weights);

    constructor(address _neuronManager) {
        require(_neuronManager != address(0), "ZERO_NEURON_MANAGER");
        neuronManager = INeuronManager(_neuronManager);
    }

    /// @notice Replaces the caller's whole weight vector on `netuid` (an empty vector clears it).
    function setWeights(uint16 netuid, Weight[] calldata newWeights) external {
        require(neuronManager.isValidator(netuid, msg.sender), "NOT_VALIDATOR");
        uint256 count = newWeights.length;
        require(count <= MAX_WEIGHTS, "TOO_MANY_WEIGHTS");

        mapping(address => uint256) storage entries = _entries[netuid][msg.sender];
        address[] storage dests = _dests[netuid][msg.sender];
        uint256 oldCount = dests.length;
        for (uint256 i; i < oldCount; ++i) delete entries[dests[i]];

        for (uint256 i; i < count; ++i) {
            address dest = newWeights[i].dest;
            uint256 weight = newWeights[i].weight;
            require(dest != address(0), "ZERO_DEST");
            require(weight <= MAX_WEIGHT, "WEIGHT_OUT_OF_RANGE");
            require(entries[dest] == 0, "DUPLICATE_DEST");
            entries[dest] = ((i + 1) << 128) | weight;
            if (i < oldCount) dests[i] = dest;
            else dests.push(dest);
        }
        for (uint256 i = count; i < oldCount; ++i) dests.pop();

        emit WeightsSet(netuid, msg.sender, newWeights);
    }

    /// @notice Weight of `dest` in `validator`'s current vector on `netuid` (0 when absent).
    function weights(uint16 netuid, address validator, address dest) external view returns (uint256) {
        return uint128(_entries[netuid][validator][dest]);
    }

    /// @notice Addition: `validator`'s current vector on `netuid`, in the order it was set.
    function getWeights(uint16 netuid, address validator) external view returns (Weight[] memory result) {
        mapping(address => uint256) storage entries = _entries[netuid][validator];
        address[] storage dests = _dests[netuid][validator];
        result = new Weight[](dests.length);
        for (uint256 i; i < result.length; ++i) {
            address dest = dests[i];
            result[i] = Weight(dest, uint128(entries[dest]));
        }
    }
}
