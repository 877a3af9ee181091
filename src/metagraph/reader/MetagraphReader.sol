// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @dev NeuronManager.getNeuronInfo's tuple (docs/contracts.md#struct-layouts), identical on the public
///      contracts and ours.
struct NeuronInfo {
    address account;
    uint16 netuid;
    bool isActive;
    bool isValidator;
    uint256 stake;
    uint64 registrationBlock;
    uint256 lastUpdate;
    string axonEndpoint;
    uint32 axonPort;
    string prometheusEndpoint;
    uint32 prometheusPort;
}

interface INeuronInfoSource {
    function getNeuronInfo(uint16 netuid, address account) external view returns (NeuronInfo memory);
}

/// @dev GlobalStaking.getSubnetAllocation's tuple; `allocated` is the stake a neuron really has on a subnet.
struct SubnetAllocation {
    uint256 allocated;
    uint256 cost;
    uint256 lastUpdateBlock;
}

interface IAllocationSource {
    function getSubnetAllocation(address user, uint16 netuid) external view returns (SubnetAllocation memory);
}

interface IBalanceSource {
    function balanceOf(address account) external view returns (uint256);
}

/// @title MetagraphReader
/// @notice Never deployed: the SDK places its runtime code at an unused address with an eth_call state
///         override, so a whole slice of a metagraph comes back from one call whose request holds only
///         the accounts to read, instead of a Multicall3 aggregate that spends ~480 request bytes per
///         neuron (nodes cap request bodies: anvil at 2 MB, geth at 5 MB).
contract MetagraphReader {
    /// @notice Each account's NeuronInfo on `netuid`, its balance of `alphaToken` and its live allocation
    ///         to `netuid` in `globalStaking`, in order. The allocation is read because the public
    ///         NeuronManager never updates `NeuronInfo.stake` after registration.
    function read(
        address neuronManager,
        address globalStaking,
        address alphaToken,
        uint16 netuid,
        address[] calldata accounts
    ) external view returns (NeuronInfo[] memory infos, uint256[] memory balances, uint256[] memory allocations) {
        uint256 count = accounts.length;
        infos = new NeuronInfo[](count);
        balances = new uint256[](count);
        allocations = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            infos[i] = INeuronInfoSource(neuronManager).getNeuronInfo(netuid, accounts[i]);
            balances[i] = IBalanceSource(alphaToken).balanceOf(accounts[i]);
            allocations[i] = IAllocationSource(globalStaking).getSubnetAllocation(accounts[i], netuid).allocated;
        }
    }
}
