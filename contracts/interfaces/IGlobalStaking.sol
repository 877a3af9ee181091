// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IGlobalStaking
/// @notice Global HETU stake, its per-subnet allocation and the neuron registration fee.
interface IGlobalStaking {
    struct StakeInfo {
        uint256 totalStaked;
        uint256 totalAllocated;
        uint256 totalCost;
        uint256 lastUpdateBlock;
    }

    struct SubnetAllocation {
        uint256 allocated;
        uint256 cost;
        uint256 lastUpdateBlock;
    }

    event GlobalStakeAdded(address indexed user, uint256 amount);
    event GlobalStakeRemoved(address indexed user, uint256 amount);
    event SubnetAllocationChanged(address indexed user, uint16 indexed netuid, uint256 oldAmount, uint256 newAmount);
    event DeallocatedFromSubnet(address indexed user, uint16 indexed netuid, uint256 amount);
    event RegistrationCost(address indexed user, uint16 indexed netuid, uint256 cost);
    event AuthorizedCallerUpdated(address indexed caller, bool authorized);
    /// @notice Addition: the NeuronManager whose registrations lock allocations.
    event NeuronManagerSet(address indexed neuronManager);

    function addGlobalStake(uint256 amount) external;
    function removeGlobalStake(uint256 amount) external;
    function allocateToSubnet(uint16 netuid, uint256 amount) external;
    function deallocateFromSubnet(uint16 netuid, uint256 amount) external;

    function allocateToSubnetWithMinThreshold(uint16 netuid, uint256 amount, uint256 minThreshold) external;
    /// @notice Addition: authorized callers allocate for the registrant (replaces the tx.origin path).
    function allocateToSubnetFor(address user, uint16 netuid, uint256 amount, uint256 minThreshold) external;
    /// @notice Addition: authorized callers set the allocation of `user` on `netuid` to zero.
    function releaseAllocation(address user, uint16 netuid) external;
    function chargeRegistrationCost(address user, uint16 netuid, uint256 cost) external;

    function getAvailableStake(address user) external view returns (uint256);
    function getStakeInfo(address user) external view returns (StakeInfo memory);
    function getSubnetAllocation(address user, uint16 netuid) external view returns (SubnetAllocation memory);
    function canAllocateToSubnet(address user, uint256 amount) external view returns (bool);
    function canPayRegistrationCost(address user, uint256 cost) external view returns (bool);

    function setAuthorizedCaller(address caller, bool authorized) external;
}
