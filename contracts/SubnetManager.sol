// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {AlphaToken} from "./AlphaToken.sol";
import {SubnetAMM} from "./SubnetAMM.sol";
import {SubnetAMMFactory} from "./SubnetAMMFactory.sol";
import {defaultHyperparams, mergeHyperparams, validHyperparams} from "./Hyperparams.sol";
import {AlphaTokenDeployer} from "./AlphaTokenDeployer.sol";
import {ISubnetManager} from "./interfaces/ISubnetManager.sol";
import {SubnetTypes} from "./interfaces/ISubnetTypes.sol";

/// @title SubnetManager
/// @notice Registers subnets (docs/contracts.md#subnetmanager): charges the network lock cost in HETU
///         (WHETU), deploys the subnet's AlphaToken, creates and seeds its AMM pool, and keeps subnet info
///         and hyperparameters for the NeuronManager and the chain.
/// @dev Fixes vs the reference (fixed rules): the default hyperparameters pass `validateHyperparams`,
///      `nextNetuid()` is the id the next registration gets, `updateSubnetHyperparams` emits
///      `SubnetHyperparamsUpdated`, and `addSubnetMinter` only adds the chain's system address (so a
///      subnet owner cannot mint Alpha and drain its pool). Under the public rules (the factory's
///      `publicRules`) all four behave as on the public chain. Subnets registered with the defaults do
///      not store them (they are constants), which saves ~130 k gas per registration; the getters
///      return them all the same.
contract SubnetManager is ReentrancyGuardTransient, Ownable, ISubnetManager {
    using SafeERC20 for IERC20;

    /// @dev Where the part of the lock above networkMinLock goes (as the reference; not a real burn).
    address private constant DEAD = 0x000000000000000000000000000000000000dEaD;
    /// @dev Minimum reserve of every pool the manager creates.
    uint256 private constant POOL_MINIMUM_LIQUIDITY = 1000e18;

    /// @dev Storage form of SubnetTypes.SubnetInfo: packed, netuid is the key, existence is
    ///      `owner != 0`, poolInitialTao = lockedAmount - burnedAmount.
    struct Subnet {
        address owner;
        uint64 createdAt;
        bool isActive;
        bool customHyperparams;
        address alphaToken;
        address ammPool;
        uint256 lockedAmount;
        uint256 burnedAmount;
        string name;
        string description;
    }

    IERC20 public immutable hetuToken;
    SubnetAMMFactory public immutable ammFactory;
    address public immutable systemAddress;
    /// @notice The factory's rule set: true = the public contracts' quirks, false = our fixes.
    bool public immutable publicRules;
    /// @dev Holds the AlphaToken creation code so it does not count against this contract's size limit.
    AlphaTokenDeployer private immutable _alphaDeployer;

    mapping(uint16 => Subnet) private _subnets;
    mapping(uint16 => SubnetTypes.SubnetHyperparams) private _customHyperparams;
    mapping(address => uint16[]) public ownerSubnets;

    uint16 public totalNetworks;
    /// @dev Read through nextNetuid(), which the public rules pin to 1 as the reference does.
    uint16 private _nextNetuid = 1;
    uint256 public networkMinLock = 100e18;
    uint256 public networkLastLock;
    uint256 public networkLastLockBlock;
    uint256 public networkRateLimit = 1000;
    uint256 public lockReductionInterval = 14400;

    constructor(address _hetuToken, address _ammFactory) Ownable(msg.sender) {
        require(_hetuToken != address(0), "ZERO_HETU_ADDRESS");
        require(_ammFactory != address(0), "ZERO_FACTORY_ADDRESS");
        hetuToken = IERC20(_hetuToken);
        ammFactory = SubnetAMMFactory(_ammFactory);
        systemAddress = SubnetAMMFactory(_ammFactory).systemAddress();
        bool rules = SubnetAMMFactory(_ammFactory).publicRules();
        publicRules = rules;
        networkLastLockBlock = block.number;
        _alphaDeployer = new AlphaTokenDeployer(rules);
    }

    // ---------------------------------------------------------------- registration

    function registerNetwork(
        string calldata name,
        string calldata description,
        string calldata tokenName,
        string calldata tokenSymbol
    ) external nonReentrant returns (uint16 netuid) {
        return _register(name, description, tokenName, tokenSymbol, defaultHyperparams(publicRules), false);
    }

    function registerNetworkWithPartialCustom(
        string calldata name,
        string calldata description,
        string calldata tokenName,
        string calldata tokenSymbol,
        SubnetTypes.SubnetHyperparams calldata customHyperparams,
        bool[21] calldata useCustomFlags
    ) external nonReentrant returns (uint16 netuid) {
        SubnetTypes.SubnetHyperparams memory params = _mergedParams(customHyperparams, useCustomFlags);
        return _register(name, description, tokenName, tokenSymbol, params, true);
    }

    /// @notice As registerNetwork, approving the lock cost by an EIP-2612 permit signed for exactly
    ///         `getNetworkLockCost()` at the block of inclusion.
    function registerNetworkWithPermit(
        string calldata name,
        string calldata description,
        string calldata tokenName,
        string calldata tokenSymbol,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant returns (uint16 netuid) {
        _permitLockCost(deadline, v, r, s);
        return _register(name, description, tokenName, tokenSymbol, defaultHyperparams(publicRules), false);
    }

    function registerNetworkWithPartialCustomAndPermit(
        string calldata name,
        string calldata description,
        string calldata tokenName,
        string calldata tokenSymbol,
        SubnetTypes.SubnetHyperparams calldata customHyperparams,
        bool[21] calldata useCustomFlags,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant returns (uint16 netuid) {
        _permitLockCost(deadline, v, r, s);
        SubnetTypes.SubnetHyperparams memory params = _mergedParams(customHyperparams, useCustomFlags);
        return _register(name, description, tokenName, tokenSymbol, params, true);
    }

    function _mergedParams(SubnetTypes.SubnetHyperparams calldata custom, bool[21] calldata flags)
        private
        view
        returns (SubnetTypes.SubnetHyperparams memory params)
    {
        params = mergeHyperparams(custom, flags, publicRules);
        require(validHyperparams(params), "INVALID_MERGED_HYPERPARAMS");
    }

    function _permitLockCost(uint256 deadline, uint8 v, bytes32 r, bytes32 s) private {
        IERC20Permit(address(hetuToken)).permit(msg.sender, address(this), getNetworkLockCost(), deadline, v, r, s);
    }

    /// @dev Steps and their order: docs/contracts.md#registration-steps.
    function _register(
        string calldata name,
        string calldata description,
        string calldata tokenName,
        string calldata tokenSymbol,
        SubnetTypes.SubnetHyperparams memory params,
        bool custom
    ) private returns (uint16 netuid) {
        require(bytes(name).length > 0, "EMPTY_NAME");
        require(bytes(tokenName).length > 0, "EMPTY_TOKEN_NAME");
        require(bytes(tokenSymbol).length > 0, "EMPTY_TOKEN_SYMBOL");
        require(block.number > networkLastLockBlock + networkRateLimit, "RATE_LIMIT_EXCEEDED");

        uint256 lockAmount = getNetworkLockCost();
        hetuToken.safeTransferFrom(msg.sender, address(this), lockAmount);

        netuid = getNextNetuid();
        uint256 poolAmount = networkMinLock;
        uint256 burnedAmount = lockAmount - poolAmount; // lockAmount >= networkMinLock always

        AlphaToken alpha = _alphaDeployer.deploy(tokenName, tokenSymbol, netuid, systemAddress);
        alpha.mint(address(this), poolAmount);
        address pool = ammFactory.createPool(
            address(hetuToken), address(alpha), netuid, address(this), SubnetAMM.MechanismType.Dynamic, POOL_MINIMUM_LIQUIDITY
        );
        hetuToken.forceApprove(pool, poolAmount);
        alpha.approve(pool, poolAmount);
        SubnetAMM(pool).injectLiquidity(poolAmount, poolAmount);

        if (burnedAmount > 0) hetuToken.safeTransfer(DEAD, burnedAmount);

        Subnet storage s = _subnets[netuid];
        s.owner = msg.sender;
        s.createdAt = uint64(block.timestamp);
        s.alphaToken = address(alpha);
        s.ammPool = pool;
        s.lockedAmount = lockAmount;
        s.burnedAmount = burnedAmount;
        s.name = name;
        if (bytes(description).length > 0) s.description = description;
        if (custom) {
            s.customHyperparams = true;
            _customHyperparams[netuid] = params;
        }
        ownerSubnets[msg.sender].push(netuid);
        totalNetworks++;
        unchecked {
            _nextNetuid = netuid + 1; // wraps to 0 after 65535: getNextNetuid then reverts NETUID_OVERFLOW
        }
        networkLastLock = lockAmount;
        networkLastLockBlock = block.number;

        emit NetworkRegistered(netuid, msg.sender, address(alpha), pool, lockAmount, poolAmount, burnedAmount, name, params);
    }

    /// @notice Lock cost of a registration in this block: twice the last lock, decaying linearly by the
    ///         last lock every `lockReductionInterval` blocks, never below `networkMinLock`.
    function getNetworkLockCost() public view returns (uint256) {
        uint256 lastLock = networkLastLock;
        uint256 lastBlock = networkLastLockBlock;
        uint256 minLock = networkMinLock;
        uint256 interval = lockReductionInterval;
        uint256 cost = lastLock * (lastBlock == 0 ? 1 : 2);
        if (block.number > lastBlock && interval > 0) {
            uint256 reduction = (lastLock * (block.number - lastBlock)) / interval;
            cost = cost > reduction ? cost - reduction : minLock;
        }
        return cost < minLock ? minLock : cost;
    }

    /// @notice Under the public rules always 1, as the reference (which never increments it).
    function nextNetuid() public view returns (uint16) {
        return publicRules ? 1 : _nextNetuid;
    }

    function getNextNetuid() public view returns (uint16) {
        uint16 netuid = _nextNetuid;
        require(netuid != 0, "NETUID_OVERFLOW");
        return netuid;
    }

    // ---------------------------------------------------------------- subnet owner

    function activateSubnet(uint16 netuid) external nonReentrant {
        Subnet storage s = _subnets[netuid];
        require(s.owner != address(0), "SUBNET_NOT_EXISTS");
        require(s.owner == msg.sender, "NOT_OWNER");
        require(!s.isActive, "SUBNET_ALREADY_ACTIVE");
        s.isActive = true;
        emit SubnetActivated(netuid, msg.sender, block.timestamp, block.number);
    }

    /// @notice Lets `minter` mint (and, within allowances, burn) the subnet's Alpha — the chain's
    ///         emission module, which needs it for pool injections and rewards. The fixed rules accept
    ///         no other minter (`INVALID_MINTER`): one that mints and sells Alpha drains the pool.
    function addSubnetMinter(uint16 netuid, address minter) external {
        AlphaToken alpha = _alphaForMinterChange(netuid, minter);
        require(minter != address(this), "CANNOT_ADD_SELF");
        require(publicRules || minter == systemAddress, "INVALID_MINTER");
        alpha.addMinter(minter);
    }

    /// @notice Revokes a minter (the AlphaToken refuses to remove the SubnetManager itself).
    function removeSubnetMinter(uint16 netuid, address minter) external {
        _alphaForMinterChange(netuid, minter).removeMinter(minter);
    }

    function _alphaForMinterChange(uint16 netuid, address minter) private view returns (AlphaToken) {
        Subnet storage s = _existing(netuid);
        require(s.owner == msg.sender, "NOT_SUBNET_OWNER");
        require(minter != address(0), "ZERO_MINTER_ADDRESS");
        return AlphaToken(s.alphaToken);
    }

    // ---------------------------------------------------------------- views

    function subnetExists(uint16 netuid) public view returns (bool) {
        return _subnets[netuid].owner != address(0);
    }

    function isSubnetActive(uint16 netuid) external view returns (bool) {
        Subnet storage s = _existing(netuid);
        return s.isActive;
    }

    function getSubnetInfo(uint16 netuid) public view returns (SubnetTypes.SubnetInfo memory) {
        _existing(netuid);
        return _info(netuid);
    }

    function getSubnetParams(uint16 netuid) public view returns (SubnetTypes.SubnetHyperparams memory) {
        _existing(netuid);
        return _params(netuid);
    }

    function getSubnetHyperparams(uint16 netuid) external view returns (SubnetTypes.SubnetHyperparams memory) {
        return getSubnetParams(netuid);
    }

    /// @notice Flattened SubnetInfo (all zero for an unknown netuid), as the reference's public getter.
    function subnets(uint16 id)
        external
        view
        returns (
            uint16 netuid,
            address owner,
            address alphaToken,
            address ammPool,
            uint256 lockedAmount,
            uint256 poolInitialTao,
            uint256 burnedAmount,
            uint256 createdAt,
            bool isActive,
            string memory name,
            string memory description
        )
    {
        SubnetTypes.SubnetInfo memory i = _info(id);
        return (
            i.netuid,
            i.owner,
            i.alphaToken,
            i.ammPool,
            i.lockedAmount,
            i.poolInitialTao,
            i.burnedAmount,
            i.createdAt,
            i.isActive,
            i.name,
            i.description
        );
    }

    /// @notice Flattened hyperparameters (all zero for an unknown netuid), as the reference's public getter.
    function subnetHyperparams(uint16 id)
        external
        view
        returns (
            uint16 rho,
            uint16 kappa,
            uint16 immunityPeriod,
            uint16 tempo,
            uint16 maxValidators,
            uint16 activityCutoff,
            uint16 maxAllowedUids,
            uint16 maxAllowedValidators,
            uint16 minAllowedWeights,
            uint16 maxWeightsLimit,
            uint256 baseNeuronCost,
            uint64 currentDifficulty,
            uint16 targetRegsPerInterval,
            uint16 maxRegsPerBlock,
            uint64 weightsRateLimit,
            bool registrationAllowed,
            bool commitRevealEnabled,
            uint64 commitRevealPeriod,
            uint64 servingRateLimit,
            uint256 validatorThreshold,
            uint256 neuronThreshold
        )
    {
        SubnetTypes.SubnetHyperparams memory p;
        if (subnetExists(id)) p = _params(id);
        return (
            p.rho,
            p.kappa,
            p.immunityPeriod,
            p.tempo,
            p.maxValidators,
            p.activityCutoff,
            p.maxAllowedUids,
            p.maxAllowedValidators,
            p.minAllowedWeights,
            p.maxWeightsLimit,
            p.baseNeuronCost,
            p.currentDifficulty,
            p.targetRegsPerInterval,
            p.maxRegsPerBlock,
            p.weightsRateLimit,
            p.registrationAllowed,
            p.commitRevealEnabled,
            p.commitRevealPeriod,
            p.servingRateLimit,
            p.validatorThreshold,
            p.neuronThreshold
        );
    }

    function getUserSubnets(address user) external view returns (uint16[] memory) {
        return ownerSubnets[user];
    }

    function getSubnetDetails(uint16 netuid)
        external
        view
        returns (
            SubnetTypes.SubnetInfo memory subnetInfo,
            uint256 currentPrice,
            uint256 totalVolume,
            uint256 hetuReserve,
            uint256 alphaReserve
        )
    {
        subnetInfo = getSubnetInfo(netuid);
        (, hetuReserve, alphaReserve,, currentPrice,, totalVolume,) = SubnetAMM(subnetInfo.ammPool).getPoolInfo();
    }

    function getNetworkParams()
        external
        view
        returns (
            uint256 minLock,
            uint256 lastLock,
            uint256 lastLockBlock,
            uint256 rateLimit,
            uint256 reductionInterval,
            uint16 totalNets,
            uint16 nextId
        )
    {
        return (
            networkMinLock,
            networkLastLock,
            networkLastLockBlock,
            networkRateLimit,
            lockReductionInterval,
            totalNetworks,
            nextNetuid()
        );
    }

    function _existing(uint16 netuid) private view returns (Subnet storage s) {
        s = _subnets[netuid];
        require(s.owner != address(0), "SUBNET_NOT_EXISTS");
    }

    function _info(uint16 netuid) private view returns (SubnetTypes.SubnetInfo memory info) {
        Subnet storage s = _subnets[netuid];
        if (s.owner == address(0)) return info;
        info = SubnetTypes.SubnetInfo({
            netuid: netuid,
            owner: s.owner,
            alphaToken: s.alphaToken,
            ammPool: s.ammPool,
            lockedAmount: s.lockedAmount,
            poolInitialTao: s.lockedAmount - s.burnedAmount,
            burnedAmount: s.burnedAmount,
            createdAt: s.createdAt,
            isActive: s.isActive,
            name: s.name,
            description: s.description
        });
    }

    function _params(uint16 netuid) private view returns (SubnetTypes.SubnetHyperparams memory) {
        return _subnets[netuid].customHyperparams ? _customHyperparams[netuid] : defaultHyperparams(publicRules);
    }

    // ---------------------------------------------------------------- owner admin

    function updateNetworkParams(uint256 _networkMinLock, uint256 _networkRateLimit, uint256 _lockReductionInterval)
        external
        onlyOwner
    {
        require(_networkMinLock > 0, "MIN_LOCK_ZERO");
        require(_networkRateLimit > 0, "RATE_LIMIT_ZERO");
        require(_lockReductionInterval > 0, "REDUCTION_INTERVAL_ZERO");
        networkMinLock = _networkMinLock;
        networkRateLimit = _networkRateLimit;
        lockReductionInterval = _lockReductionInterval;
    }

    function updateNetworkConfig(uint256 newMinLock, uint256 newRateLimit, uint256 newInterval) external onlyOwner {
        require(newMinLock >= 1e18 && newMinLock <= 10000e18, "INVALID_MIN_LOCK");
        require(newRateLimit >= 100 && newRateLimit <= 50000, "INVALID_RATE_LIMIT");
        require(newInterval >= 1000 && newInterval <= 100000, "INVALID_INTERVAL");
        emit NetworkConfigUpdated("networkMinLock", networkMinLock, newMinLock, msg.sender);
        emit NetworkConfigUpdated("networkRateLimit", networkRateLimit, newRateLimit, msg.sender);
        emit NetworkConfigUpdated("lockReductionInterval", lockReductionInterval, newInterval, msg.sender);
        networkMinLock = newMinLock;
        networkRateLimit = newRateLimit;
        lockReductionInterval = newInterval;
    }

    function resetNetworkLockState() external onlyOwner {
        networkLastLock = 0;
        networkLastLockBlock = block.number;
    }

    function updateSubnetHyperparams(uint16 netuid, SubnetTypes.SubnetHyperparams calldata newHyperparams)
        external
        onlyOwner
    {
        Subnet storage s = _existing(netuid);
        require(validHyperparams(newHyperparams), "INVALID_HYPERPARAMS");
        s.customHyperparams = true;
        _customHyperparams[netuid] = newHyperparams;
        // The public contract emits nothing, so its chain keeps the registration-time parameters.
        if (!publicRules) emit SubnetHyperparamsUpdated(netuid, newHyperparams);
    }
}
