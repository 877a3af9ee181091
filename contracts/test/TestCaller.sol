// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title TestCaller
/// @notice Test-only smart-contract "wallet": forwards any call, so tests can act through a contract
///         (msg.sender = this contract, tx.origin = the EOA that called it). Bubbles reverts unchanged.
contract TestCaller {
    bool public rejectNative;

    function execute(address target, bytes calldata data) external payable returns (bytes memory result) {
        bool ok;
        (ok, result) = target.call{value: msg.value}(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
    }

    /// @notice When set, incoming native transfers revert (to test senders that must handle that).
    function setRejectNative(bool reject) external {
        rejectNative = reject;
    }

    receive() external payable {
        require(!rejectNative, "TestCaller: REJECTS_NATIVE");
    }
}
