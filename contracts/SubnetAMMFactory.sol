// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {SubnetAMM} from "./SubnetAMM.sol";

/// @title SubnetAMMFactory
/// @notice Creates the one SubnetAMM pool of each subnet (docs/contracts.md#subnetammfactory).
/// @dev Fix vs the reference (fixed rules): only the SubnetManager may create pools (the reference let
///      anyone squat the next netuid and so block every later subnet registration). The creator wires
///      the SubnetManager once with `setSubnetManager` after deploying both. Under the public rules
///      anyone may create a pool, as on the public chain.
contract SubnetAMMFactory {
    mapping(uint16 => address) public getPool;
    mapping(address => bool) public isPool;
    address[] public allPools;

    address public immutable systemAddress;
    address public immutable creator;
    uint256 public immutable createdAt;
    address public subnetManager;
    /// @notice True: the public contracts' quirks (the localnet's `public` rule set); false: our fixes.
    ///         The SubnetManager and every pool take the factory's rule set.
    bool public immutable publicRules;

    /// @dev Code shared by all pools (each pool is a clone of it with its own arguments).
    address private immutable _poolImplementation;

    event PoolCreated(
        uint16 indexed netuid, address indexed hetuToken, address indexed alphaToken, address pool, uint256 poolsLength
    );
    event SubnetManagerSet(address indexed subnetManager);

    constructor(address _systemAddress, bool _publicRules) {
        require(_systemAddress != address(0), "Factory: ZERO_SYSTEM_ADDRESS");
        systemAddress = _systemAddress;
        creator = msg.sender;
        createdAt = block.timestamp;
        publicRules = _publicRules;
        _poolImplementation = address(new SubnetAMM(_publicRules));
    }

    /// @notice One-time wiring by the deployer: the only address allowed to create pools afterwards.
    function setSubnetManager(address _subnetManager) external {
        require(msg.sender == creator, "Factory: ONLY_CREATOR");
        require(subnetManager == address(0), "Factory: SUBNET_MANAGER_SET");
        require(_subnetManager != address(0), "Factory: ZERO_ADDRESS");
        subnetManager = _subnetManager;
        emit SubnetManagerSet(_subnetManager);
    }

    function createPool(
        address hetuToken,
        address alphaToken,
        uint16 netuid,
        address subnetContract,
        SubnetAMM.MechanismType mechanism,
        uint256 minimumPoolLiquidity
    ) external returns (address pool) {
        require(publicRules || msg.sender == subnetManager, "Factory: ONLY_SUBNET_MANAGER");
        require(hetuToken != address(0), "Factory: ZERO_HETU_ADDRESS");
        require(alphaToken != address(0), "Factory: ZERO_ALPHA_ADDRESS");
        require(hetuToken != alphaToken, "Factory: IDENTICAL_ADDRESSES");
        require(subnetContract != address(0), "Factory: ZERO_SUBNET_ADDRESS");
        require(getPool[netuid] == address(0), "Factory: POOL_EXISTS");
        require(minimumPoolLiquidity > 0, "Factory: ZERO_MIN_LIQUIDITY");

        // Layout documented in SubnetAMM.
        bytes memory args = abi.encodePacked(
            hetuToken,
            alphaToken,
            systemAddress,
            subnetContract,
            address(this),
            netuid,
            uint8(mechanism),
            minimumPoolLiquidity,
            uint64(block.timestamp),
            uint64(block.number)
        );
        pool = Clones.cloneWithImmutableArgs(_poolImplementation, args);

        getPool[netuid] = pool;
        isPool[pool] = true;
        allPools.push(pool);
        emit PoolCreated(netuid, hetuToken, alphaToken, pool, allPools.length);
    }

    function allPoolsLength() external view returns (uint256) {
        return allPools.length;
    }

    function getFactoryInfo()
        external
        view
        returns (address _creator, address _systemAddress, uint256 _createdAt, uint256 _totalPools)
    {
        return (creator, systemAddress, createdAt, allPools.length);
    }

    /// @notice Pools `start..end` (inclusive) with their netuid, mechanism and volume.
    function getPoolsInfo(uint256 start, uint256 end)
        external
        view
        returns (
            address[] memory pools,
            uint16[] memory netuids,
            SubnetAMM.MechanismType[] memory mechanisms,
            uint256[] memory totalVolumes
        )
    {
        require(start <= end && end < allPools.length, "Factory: INVALID_RANGE");
        uint256 length = end - start + 1;
        pools = new address[](length);
        netuids = new uint16[](length);
        mechanisms = new SubnetAMM.MechanismType[](length);
        totalVolumes = new uint256[](length);
        for (uint256 i = 0; i < length; i++) {
            SubnetAMM amm = SubnetAMM(allPools[start + i]);
            pools[i] = address(amm);
            netuids[i] = amm.netuid();
            mechanisms[i] = amm.mechanism();
            totalVolumes[i] = amm.totalVolume();
        }
    }
}
