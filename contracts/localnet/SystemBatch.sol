// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title SystemBatch
/// @notice Localnet only. The chain's emission module acts as the system address inside one
///         BeginBlock; on anvil the localnet gives the system address this code through an EIP-7702
///         delegation, so one transaction from the system address to itself makes all of a block's
///         calls with msg.sender = the system address (wrap HETU, mint Alpha, approve, inject, pay).
/// @dev Only the account itself may call it (a transaction it sends to itself, or its own nested
///      call), so the delegation lends its authority to no one else.
contract SystemBatch {
    struct Call {
        address target;
        uint256 value;
        bytes data;
    }

    /// @dev Calls that succeed or fail together (one subnet's injection, or part of its payout).
    struct Group {
        uint256 gas;
        Call[] calls;
    }

    /// @notice Group `index` of the batch reverted (its calls undone, its value left here).
    event GroupFailed(uint256 indexed index, bytes reason);

    modifier onlySelf() {
        require(msg.sender == address(this), "SystemBatch: ONLY_SELF");
        _;
    }

    /// @notice Runs every group with at most its gas; a failing group is undone and reported by
    ///         GroupFailed without stopping the others.
    function executeGroups(Group[] calldata groups) external payable onlySelf {
        uint256 spent;
        for (uint256 i; i < groups.length; ++i) {
            uint256 value;
            Call[] calldata calls = groups[i].calls;
            for (uint256 j; j < calls.length; ++j) {
                value += calls[j].value;
            }
            spent += value;
            try this.execute{value: value, gas: groups[i].gas}(calls) {}
            catch (bytes memory reason) {
                emit GroupFailed(i, reason);
            }
        }
        require(spent == msg.value, "SystemBatch: VALUE_MISMATCH");
    }

    /// @notice Runs `calls` in order; any failing call reverts them all with its revert data.
    function execute(Call[] calldata calls) external payable onlySelf {
        uint256 spent;
        for (uint256 i; i < calls.length; ++i) {
            Call calldata c = calls[i];
            spent += c.value;
            (bool ok, bytes memory ret) = c.target.call{value: c.value}(c.data);
            if (!ok) {
                assembly ("memory-safe") {
                    revert(add(ret, 0x20), mload(ret))
                }
            }
        }
        require(spent == msg.value, "SystemBatch: VALUE_MISMATCH");
    }
}
