// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title SystemBatch
/// @notice Localnet only. The chain's emission module acts as the system address inside one
///         BeginBlock; on anvil the localnet gives the system address this code through an EIP-7702
///         delegation, so one transaction from the system address to itself makes several calls whose
///         msg.sender is the system address (wrap HETU, mint Alpha, approve, inject, pay rewards).
/// @dev Atomic: any failing call reverts the whole batch with that call's revert data.
contract SystemBatch {
    struct Call {
        address target;
        uint256 value;
        bytes data;
    }

    /// @notice Runs `calls` in order as this account. Only the account itself may call it (a
    ///         transaction it sends to itself), so the delegation lends its authority to no one else.
    function execute(Call[] calldata calls) external payable {
        require(msg.sender == address(this), "SystemBatch: ONLY_SELF");
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
