// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IGlobalStaking} from "./interfaces/IGlobalStaking.sol";
import {INeuronManager} from "./interfaces/INeuronManager.sol";

/// @title GlobalStaking
/// @notice Users stake WHETU once and allocate it to subnets; neuron registration charges a fee that is
///         sent to the treasury and stays counted in totalStaked, so
///         available = totalStaked - totalAllocated - totalCost.
/// @dev Fixes over the public contract (fixed rules): no tx.origin (registration allocates through
///      allocateToSubnetFor for the registrant), allocations of registered neurons cannot fall below
///      their role threshold (STAKE_LOCKED_BY_NEURON), and every allocation change is reported to the
///      NeuronManager so NeuronInfo.stake always equals the real allocation. Under the public rules
///      none of the three: allocateToSubnetWithMinThreshold allocates for tx.origin, nothing is locked
///      and the NeuronManager is never told, as on the public chain.
contract GlobalStaking is IGlobalStaking, ReentrancyGuard, Ownable {
    IERC20 public immutable hetuToken;
    address public treasury;
    /// @notice Addition: the NeuronManager that locks allocations and is told about their changes.
    address public neuronManager;
    mapping(address => bool) public authorizedCallers;

    mapping(address => StakeInfo) private _stakes;
    mapping(address => mapping(uint16 => SubnetAllocation)) private _allocations;

    bool private immutable _publicRules;

    modifier onlyAuthorizedCaller() {
        require(authorizedCallers[msg.sender], "UNAUTHORIZED_CALLER");
        _;
    }

    constructor(address _hetuToken, address _treasury, address _initialOwner, bool publicRules_)
        Ownable(_validatedOwner(_hetuToken, _treasury, _initialOwner))
    {
        hetuToken = IERC20(_hetuToken);
        treasury = _treasury;
        _publicRules = publicRules_;
    }

    // ============ User functions ============

    function addGlobalStake(uint256 amount) external nonReentrant {
        require(amount > 0, "ZERO_AMOUNT");
        require(hetuToken.transferFrom(msg.sender, address(this), amount), "TRANSFER_FAILED");
        StakeInfo storage stake = _stakes[msg.sender];
        stake.totalStaked += amount;
        stake.lastUpdateBlock = block.number;
        emit GlobalStakeAdded(msg.sender, amount);
    }

    function removeGlobalStake(uint256 amount) external nonReentrant {
        require(amount > 0, "ZERO_AMOUNT");
        StakeInfo storage stake = _stakes[msg.sender];
        require(stake.totalStaked >= amount, "INSUFFICIENT_STAKE");
        require(_available(stake) >= amount, "AMOUNT_NOT_AVAILABLE");
        stake.totalStaked -= amount;
        stake.lastUpdateBlock = block.number;
        require(hetuToken.transfer(msg.sender, amount), "TRANSFER_FAILED");
        emit GlobalStakeRemoved(msg.sender, amount);
    }

    /// @notice Sets (not adds) the caller's allocation on `netuid` to `amount`.
    function allocateToSubnet(uint16 netuid, uint256 amount) external {
        require(amount > 0, "ZERO_AMOUNT");
        _setAllocation(msg.sender, netuid, amount);
    }

    /// @notice Lowers the caller's allocation on `netuid` by `amount`.
    function deallocateFromSubnet(uint16 netuid, uint256 amount) external {
        require(amount > 0, "ZERO_AMOUNT");
        SubnetAllocation storage allocation = _allocations[msg.sender][netuid];
        uint256 oldAmount = allocation.allocated;
        require(oldAmount >= amount, "INSUFFICIENT_ALLOCATION");
        uint256 newAmount = oldAmount - amount;
        _requireNotLocked(msg.sender, netuid, newAmount);
        _writeAllocation(msg.sender, allocation, oldAmount, newAmount);
        emit DeallocatedFromSubnet(msg.sender, netuid, amount);
        emit SubnetAllocationChanged(msg.sender, netuid, oldAmount, newAmount);
        _notifyNeuronManager(msg.sender, netuid, newAmount);
    }

    // ============ Authorized callers ============

    /// @notice Allocates for the calling contract itself (fixed rules) or, as the public contract,
    ///         for tx.origin (public rules; the NeuronManager then registers with it).
    function allocateToSubnetWithMinThreshold(uint16 netuid, uint256 amount, uint256 minThreshold)
        external
        onlyAuthorizedCaller
    {
        require(amount >= minThreshold, "BELOW_MIN_THRESHOLD");
        _setAllocation(_publicRules ? tx.origin : msg.sender, netuid, amount);
    }

    function allocateToSubnetFor(address user, uint16 netuid, uint256 amount, uint256 minThreshold)
        external
        onlyAuthorizedCaller
    {
        require(amount >= minThreshold, "BELOW_MIN_THRESHOLD");
        _setAllocation(user, netuid, amount);
    }

    /// @notice Sets the allocation of `user` on `netuid` to zero (deregistration); the fee stays charged.
    function releaseAllocation(address user, uint16 netuid) external onlyAuthorizedCaller {
        SubnetAllocation storage allocation = _allocations[user][netuid];
        uint256 oldAmount = allocation.allocated;
        if (oldAmount == 0) return;
        _requireNotLocked(user, netuid, 0);
        _writeAllocation(user, allocation, oldAmount, 0);
        emit DeallocatedFromSubnet(user, netuid, oldAmount);
        emit SubnetAllocationChanged(user, netuid, oldAmount, 0);
        _notifyNeuronManager(user, netuid, 0);
    }

    function chargeRegistrationCost(address user, uint16 netuid, uint256 cost) external onlyAuthorizedCaller {
        require(cost > 0, "ZERO_COST");
        StakeInfo storage stake = _stakes[user];
        require(_available(stake) >= cost, "INSUFFICIENT_AVAILABLE_STAKE");
        stake.totalCost += cost;
        stake.lastUpdateBlock = block.number;
        SubnetAllocation storage allocation = _allocations[user][netuid];
        allocation.cost += cost;
        allocation.lastUpdateBlock = block.number;
        require(hetuToken.transfer(treasury, cost), "TRANSFER_FAILED");
        emit RegistrationCost(user, netuid, cost);
    }

    // ============ Views ============

    function getAvailableStake(address user) external view returns (uint256) {
        return _available(_stakes[user]);
    }

    function getStakeInfo(address user) external view returns (StakeInfo memory) {
        return _stakes[user];
    }

    function getSubnetAllocation(address user, uint16 netuid) external view returns (SubnetAllocation memory) {
        return _allocations[user][netuid];
    }

    function canAllocateToSubnet(address user, uint256 amount) external view returns (bool) {
        return _available(_stakes[user]) >= amount;
    }

    function canPayRegistrationCost(address user, uint256 cost) external view returns (bool) {
        return _available(_stakes[user]) >= cost;
    }

    // ============ Owner ============

    function setTreasury(address _treasury) external onlyOwner {
        require(_treasury != address(0), "ZERO_ADDRESS");
        treasury = _treasury;
    }

    function setAuthorizedCaller(address caller, bool authorized) external onlyOwner {
        require(caller != address(0), "ZERO_ADDRESS");
        authorizedCallers[caller] = authorized;
        emit AuthorizedCallerUpdated(caller, authorized);
    }

    /// @notice Addition: wires the NeuronManager whose registrations lock allocations.
    function setNeuronManager(address _neuronManager) external onlyOwner {
        require(_neuronManager != address(0), "ZERO_ADDRESS");
        neuronManager = _neuronManager;
        emit NeuronManagerSet(_neuronManager);
    }

    // ============ Internal ============

    function _available(StakeInfo storage stake) private view returns (uint256) {
        return stake.totalStaked - stake.totalAllocated - stake.totalCost;
    }

    function _setAllocation(address user, uint16 netuid, uint256 amount) private {
        SubnetAllocation storage allocation = _allocations[user][netuid];
        uint256 oldAmount = allocation.allocated;
        if (amount > oldAmount) {
            require(_available(_stakes[user]) >= amount - oldAmount, "INSUFFICIENT_AVAILABLE_STAKE");
        } else if (amount < oldAmount) {
            _requireNotLocked(user, netuid, amount);
        }
        _writeAllocation(user, allocation, oldAmount, amount);
        emit SubnetAllocationChanged(user, netuid, oldAmount, amount);
        _notifyNeuronManager(user, netuid, amount);
    }

    function _writeAllocation(
        address user,
        SubnetAllocation storage allocation,
        uint256 oldAmount,
        uint256 newAmount
    ) private {
        StakeInfo storage stake = _stakes[user];
        // totalAllocated >= oldAmount always, so this never underflows.
        stake.totalAllocated = stake.totalAllocated - oldAmount + newAmount;
        stake.lastUpdateBlock = block.number;
        allocation.allocated = newAmount;
        allocation.lastUpdateBlock = block.number;
    }

    /// @dev The NeuronManager is the lock authority: it releases or sets allocations itself, so its own
    ///      calls skip the lock check and the change notification. The public rules have neither.
    function _requireNotLocked(address user, uint16 netuid, uint256 newAmount) private view {
        address manager = neuronManager;
        if (_publicRules || manager == address(0) || msg.sender == manager) return;
        require(newAmount >= INeuronManager(manager).requiredAllocation(user, netuid), "STAKE_LOCKED_BY_NEURON");
    }

    function _notifyNeuronManager(address user, uint16 netuid, uint256 newAmount) private {
        address manager = neuronManager;
        if (_publicRules || manager == address(0) || msg.sender == manager) return;
        INeuronManager(manager).onAllocationChanged(user, netuid, newAmount);
    }

    function _validatedOwner(address _hetuToken, address _treasury, address _initialOwner)
        private
        pure
        returns (address)
    {
        require(_hetuToken != address(0), "ZERO_HETU_TOKEN");
        require(_treasury != address(0), "ZERO_TREASURY");
        require(_initialOwner != address(0), "ZERO_INITIAL_OWNER");
        return _initialOwner;
    }
}
