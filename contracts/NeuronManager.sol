// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IGlobalStaking} from "./interfaces/IGlobalStaking.sol";
import {INeuronManager} from "./interfaces/INeuronManager.sol";
import {ISubnetManager} from "./interfaces/ISubnetManager.sol";
import {SubnetTypes} from "./interfaces/ISubnetTypes.sol";

/// @title NeuronManager
/// @notice Miner/validator registry. Registration allocates `stakeAmount` of the registrant's global
///         stake to the subnet and charges the subnet's baseNeuronCost.
/// @dev Fixes over the public contract (fixed rules): the allocation is made for msg.sender (never
///      tx.origin), it stays locked at the role threshold while registered and is released on
///      deregistration, and the stored stake follows the real GlobalStaking allocation
///      (updateStakeAllocation can only resync it). Under the public rules: allocation for tx.origin,
///      kept on deregistration, and anyone may set any neuron's stake above its threshold.
contract NeuronManager is INeuronManager, ReentrancyGuard, Ownable {
    /// @dev Storage form of SubnetTypes.NeuronInfo: account and netuid are the mapping keys and the
    ///      small fields share one slot, which keeps registration cheap.
    struct Neuron {
        uint32 position; // 1-based index in neuronList; 0 = not registered
        bool isValidator;
        uint64 registrationBlock;
        uint64 lastUpdate;
        uint32 axonPort;
        uint32 prometheusPort;
        uint256 stake;
        string axonEndpoint;
        string prometheusEndpoint;
    }

    ISubnetManager public immutable subnetManager;
    IGlobalStaking public immutable globalStaking;
    address public rewardDistributor;
    mapping(uint16 => address[]) public neuronList;

    mapping(uint16 => mapping(address => Neuron)) private _neurons;
    mapping(uint16 => uint256) private _validatorCount;

    bool private immutable _publicRules;

    constructor(address _subnetManager, address _globalStaking, address _initialOwner, bool publicRules_)
        Ownable(_validatedOwner(_subnetManager, _globalStaking, _initialOwner))
    {
        subnetManager = ISubnetManager(_subnetManager);
        globalStaking = IGlobalStaking(_globalStaking);
        _publicRules = publicRules_;
    }

    // ============ Neurons ============

    function registerNeuronWithStakeAllocation(
        uint16 netuid,
        uint256 stakeAmount,
        bool isValidatorRole,
        string calldata axonEndpoint,
        uint32 axonPort,
        string calldata prometheusEndpoint,
        uint32 prometheusPort
    ) external nonReentrant {
        require(stakeAmount > 0, "STAKE_AMOUNT_ZERO");
        require(subnetManager.subnetExists(netuid), "SUBNET_NOT_EXISTS");
        require(subnetManager.isSubnetActive(netuid), "SUBNET_NOT_ACTIVE");
        Neuron storage neuron = _neurons[netuid][msg.sender];
        require(neuron.position == 0, "ALREADY_REGISTERED");

        SubnetTypes.SubnetHyperparams memory params = subnetManager.getSubnetParams(netuid);
        // available >= stake + fee, written so a huge stakeAmount cannot overflow into a panic.
        uint256 available = globalStaking.getAvailableStake(msg.sender);
        require(
            available >= params.baseNeuronCost && available - params.baseNeuronCost >= stakeAmount,
            "INSUFFICIENT_AVAILABLE_STAKE"
        );
        address[] storage list = neuronList[netuid];
        require(list.length < params.maxAllowedUids, "SUBNET_NEURONS_FULL");
        if (isValidatorRole) {
            require(_validatorCount[netuid] < params.maxAllowedValidators, "SUBNET_VALIDATORS_FULL");
        }
        require(stakeAmount >= params.neuronThreshold, "INSUFFICIENT_NEURON_STAKE");
        if (isValidatorRole) require(stakeAmount >= params.validatorThreshold, "INSUFFICIENT_VALIDATOR_STAKE");

        uint256 threshold = isValidatorRole ? params.validatorThreshold : params.neuronThreshold;
        if (_publicRules) globalStaking.allocateToSubnetWithMinThreshold(netuid, stakeAmount, threshold);
        else globalStaking.allocateToSubnetFor(msg.sender, netuid, stakeAmount, threshold);
        globalStaking.chargeRegistrationCost(msg.sender, netuid, params.baseNeuronCost);

        list.push(msg.sender);
        neuron.position = uint32(list.length);
        neuron.isValidator = isValidatorRole;
        neuron.registrationBlock = uint64(block.number);
        neuron.lastUpdate = uint64(block.timestamp);
        neuron.axonPort = axonPort;
        neuron.prometheusPort = prometheusPort;
        neuron.stake = stakeAmount;
        neuron.axonEndpoint = axonEndpoint;
        neuron.prometheusEndpoint = prometheusEndpoint;
        if (isValidatorRole) _validatorCount[netuid] += 1;

        emit NeuronRegistered(
            netuid,
            msg.sender,
            stakeAmount,
            isValidatorRole,
            isValidatorRole,
            axonEndpoint,
            axonPort,
            prometheusEndpoint,
            prometheusPort,
            block.number
        );
    }

    /// @notice Leaves the subnet and releases its allocation back to available stake (the fee stays paid);
    ///         the public rules keep it allocated (leave with deallocateFromSubnet afterwards).
    function deregisterNeuron(uint16 netuid) external nonReentrant {
        Neuron storage neuron = _neurons[netuid][msg.sender];
        uint256 position = neuron.position;
        require(position != 0, "NOT_REGISTERED");
        if (neuron.isValidator) _validatorCount[netuid] -= 1;

        // Swap-and-pop in O(1): the last neuron takes the leaver's place.
        address[] storage list = neuronList[netuid];
        address last = list[list.length - 1];
        if (last != msg.sender) {
            list[position - 1] = last;
            _neurons[netuid][last].position = uint32(position);
        }
        list.pop();
        delete _neurons[netuid][msg.sender];

        if (!_publicRules) globalStaking.releaseAllocation(msg.sender, netuid);
        emit NeuronDeregistered(netuid, msg.sender, block.number);
    }

    function updateNeuronService(
        uint16 netuid,
        string calldata axonEndpoint,
        uint32 axonPort,
        string calldata prometheusEndpoint,
        uint32 prometheusPort
    ) external {
        Neuron storage neuron = _neurons[netuid][msg.sender];
        require(neuron.position != 0, "NOT_REGISTERED");
        neuron.axonEndpoint = axonEndpoint;
        neuron.axonPort = axonPort;
        neuron.prometheusEndpoint = prometheusEndpoint;
        neuron.prometheusPort = prometheusPort;
        neuron.lastUpdate = uint64(block.timestamp);
        emit ServiceUpdated(
            netuid, msg.sender, axonEndpoint, axonPort, prometheusEndpoint, prometheusPort, block.number
        );
    }

    /// @notice Permissionless resync of a neuron's recorded stake; `newStake` must equal its real
    ///         GlobalStaking allocation, so it can never invent stake. The public rules take any
    ///         `newStake` at or above the role threshold, from anyone.
    function updateStakeAllocation(uint16 netuid, address account, uint256 newStake) external {
        Neuron storage neuron = _neurons[netuid][account];
        require(neuron.position != 0, "NEURON_NOT_ACTIVE");
        SubnetTypes.SubnetHyperparams memory params = subnetManager.getSubnetParams(netuid);
        if (neuron.isValidator) {
            require(newStake >= params.validatorThreshold, "VALIDATOR_STAKE_BELOW_THRESHOLD");
        } else {
            require(newStake >= params.neuronThreshold, "NEURON_STAKE_BELOW_THRESHOLD");
        }
        if (!_publicRules) {
            require(newStake == globalStaking.getSubnetAllocation(account, netuid).allocated, "STAKE_MISMATCH");
        }
        _recordStake(netuid, account, neuron, newStake);
    }

    // ============ GlobalStaking hooks ============

    function requiredAllocation(address user, uint16 netuid) external view returns (uint256) {
        Neuron storage neuron = _neurons[netuid][user];
        if (neuron.position == 0) return 0;
        SubnetTypes.SubnetHyperparams memory params = subnetManager.getSubnetParams(netuid);
        return neuron.isValidator ? params.validatorThreshold : params.neuronThreshold;
    }

    function onAllocationChanged(address user, uint16 netuid, uint256 newAmount) external {
        require(msg.sender == address(globalStaking), "ONLY_GLOBAL_STAKING");
        Neuron storage neuron = _neurons[netuid][user];
        if (neuron.position == 0) return;
        _recordStake(netuid, user, neuron, newAmount);
    }

    // ============ Views ============

    /// @notice All-zero struct for non-members (no revert), like the public contract.
    function getNeuronInfo(uint16 netuid, address account) external view returns (SubnetTypes.NeuronInfo memory) {
        Neuron storage neuron = _neurons[netuid][account];
        SubnetTypes.NeuronInfo memory empty;
        if (neuron.position == 0) return empty;
        return SubnetTypes.NeuronInfo({
            account: account,
            netuid: netuid,
            isActive: true,
            isValidator: neuron.isValidator,
            stake: neuron.stake,
            registrationBlock: neuron.registrationBlock,
            lastUpdate: neuron.lastUpdate,
            axonEndpoint: neuron.axonEndpoint,
            axonPort: neuron.axonPort,
            prometheusEndpoint: neuron.prometheusEndpoint,
            prometheusPort: neuron.prometheusPort
        });
    }

    function getNeuronList(uint16 netuid) external view returns (address[] memory) {
        return neuronList[netuid];
    }

    function getNeuronCount(uint16 netuid) external view returns (uint256) {
        return neuronList[netuid].length;
    }

    function getSubnetNeuronCount(uint16 netuid) external view returns (uint256) {
        return neuronList[netuid].length;
    }

    function getSubnetValidatorCount(uint16 netuid) external view returns (uint256) {
        return _validatorCount[netuid];
    }

    function getSubnetValidators(uint16 netuid) external view returns (address[] memory) {
        address[] storage list = neuronList[netuid];
        address[] memory validators = new address[](_validatorCount[netuid]);
        uint256 found;
        for (uint256 i; i < list.length && found < validators.length; ++i) {
            if (_neurons[netuid][list[i]].isValidator) validators[found++] = list[i];
        }
        return validators;
    }

    function isNeuron(uint16 netuid, address account) external view returns (bool) {
        return _neurons[netuid][account].position != 0;
    }

    function isValidator(uint16 netuid, address account) external view returns (bool) {
        Neuron storage neuron = _neurons[netuid][account];
        return neuron.position != 0 && neuron.isValidator;
    }

    // ============ Owner ============

    /// @notice Stored only; nothing reads it (as in the public contract).
    function setRewardDistributor(address _rewardDistributor) external onlyOwner {
        require(_rewardDistributor != address(0), "ZERO_ADDRESS");
        rewardDistributor = _rewardDistributor;
    }

    // ============ Internal ============

    function _recordStake(uint16 netuid, address account, Neuron storage neuron, uint256 newStake) private {
        uint256 oldStake = neuron.stake;
        neuron.stake = newStake;
        neuron.lastUpdate = uint64(block.timestamp);
        emit StakeAllocationChanged(netuid, account, oldStake, newStake, block.number);
    }

    function _validatedOwner(address _subnetManager, address _globalStaking, address _initialOwner)
        private
        pure
        returns (address)
    {
        require(_subnetManager != address(0), "ZERO_SUBNET_MANAGER");
        require(_globalStaking != address(0), "ZERO_GLOBAL_STAKING");
        require(_initialOwner != address(0), "ZERO_INITIAL_OWNER");
        return _initialOwner;
    }
}
