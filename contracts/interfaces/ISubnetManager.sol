// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {SubnetTypes} from "./ISubnetTypes.sol";

/// @title ISubnetManager
/// @notice What other contracts (NeuronManager) and off-chain tools need from the SubnetManager.
interface ISubnetManager {
    event NetworkRegistered(
        uint16 indexed netuid,
        address indexed owner,
        address alphaToken,
        address ammPool,
        uint256 lockedAmount,
        uint256 poolAmount,
        uint256 burnedAmount,
        string name,
        SubnetTypes.SubnetHyperparams hyperparams
    );
    event SubnetActivated(uint16 indexed netuid, address indexed owner, uint256 timestamp, uint256 blockNumber);
    event NetworkConfigUpdated(string indexed paramName, uint256 oldValue, uint256 newValue, address indexed updater);
    /// @dev Not in the reference ABI: emitted so indexers (and the chain) learn about parameter changes.
    event SubnetHyperparamsUpdated(uint16 indexed netuid, SubnetTypes.SubnetHyperparams hyperparams);

    function subnetExists(uint16 netuid) external view returns (bool);
    function isSubnetActive(uint16 netuid) external view returns (bool);
    function getSubnetInfo(uint16 netuid) external view returns (SubnetTypes.SubnetInfo memory);
    function getSubnetParams(uint16 netuid) external view returns (SubnetTypes.SubnetHyperparams memory);
    function getSubnetHyperparams(uint16 netuid) external view returns (SubnetTypes.SubnetHyperparams memory);
    function getUserSubnets(address user) external view returns (uint16[] memory);
    function getNetworkLockCost() external view returns (uint256);
    function getNextNetuid() external view returns (uint16);
    function nextNetuid() external view returns (uint16);
    function totalNetworks() external view returns (uint16);
    function systemAddress() external view returns (address);
}
