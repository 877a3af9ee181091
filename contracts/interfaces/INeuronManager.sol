// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {SubnetTypes} from "./ISubnetTypes.sol";

/// @title INeuronManager
/// @notice Miner/validator registry of every subnet.
interface INeuronManager {
    /// @dev Declared by the public ABI, never emitted.
    event AuthorizedCallerUpdated(address indexed caller, bool authorized);
    event NeuronRegistered(
        uint16 indexed netuid,
        address indexed account,
        uint256 stake,
        bool isValidator,
        bool requestedValidatorRole,
        string axonEndpoint,
        uint32 axonPort,
        string prometheusEndpoint,
        uint32 prometheusPort,
        uint256 blockNumber
    );
    event NeuronDeregistered(uint16 indexed netuid, address indexed account, uint256 blockNumber);
    event StakeAllocationChanged(
        uint16 indexed netuid, address indexed account, uint256 oldStake, uint256 newStake, uint256 blockNumber
    );
    event ServiceUpdated(
        uint16 indexed netuid,
        address indexed account,
        string axonEndpoint,
        uint32 axonPort,
        string prometheusEndpoint,
        uint32 prometheusPort,
        uint256 blockNumber
    );

    function registerNeuronWithStakeAllocation(
        uint16 netuid,
        uint256 stakeAmount,
        bool isValidatorRole,
        string calldata axonEndpoint,
        uint32 axonPort,
        string calldata prometheusEndpoint,
        uint32 prometheusPort
    ) external;
    function deregisterNeuron(uint16 netuid) external;
    function updateNeuronService(
        uint16 netuid,
        string calldata axonEndpoint,
        uint32 axonPort,
        string calldata prometheusEndpoint,
        uint32 prometheusPort
    ) external;
    function updateStakeAllocation(uint16 netuid, address account, uint256 newStake) external;

    /// @notice Addition: the allocation a registered neuron must keep on `netuid` (its role threshold), else 0.
    function requiredAllocation(address user, uint16 netuid) external view returns (uint256);
    /// @notice Addition: GlobalStaking reports every allocation change so NeuronInfo.stake stays exact.
    function onAllocationChanged(address user, uint16 netuid, uint256 newAmount) external;

    function isNeuron(uint16 netuid, address account) external view returns (bool);
    function isValidator(uint16 netuid, address account) external view returns (bool);
    function getNeuronInfo(uint16 netuid, address account) external view returns (SubnetTypes.NeuronInfo memory);
    function getNeuronList(uint16 netuid) external view returns (address[] memory);
    function getNeuronCount(uint16 netuid) external view returns (uint256);
    function getSubnetValidatorCount(uint16 netuid) external view returns (uint256);
}
