// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AlphaToken} from "./AlphaToken.sol";

/// @title AlphaTokenDeployer
/// @notice Deploys AlphaTokens for the SubnetManager that created it.
/// @dev Exists only to keep the AlphaToken creation code out of the SubnetManager's runtime code, which
///      would otherwise exceed the EIP-170 limit of 24 576 bytes. The SubnetManager deploys it in its
///      constructor, so the deployment procedure does not change.
contract AlphaTokenDeployer {
    address public immutable subnetManager = msg.sender;
    bool private immutable _publicRules;

    constructor(bool publicRules) {
        _publicRules = publicRules;
    }

    /// @notice `new AlphaToken(name, symbol, minter = subnetManager, netuid, systemAddress, publicRules)`.
    function deploy(string calldata name, string calldata symbol, uint16 netuid, address systemAddress)
        external
        returns (AlphaToken)
    {
        require(msg.sender == subnetManager, "AlphaTokenDeployer: ONLY_SUBNET_MANAGER");
        return new AlphaToken(name, symbol, subnetManager, netuid, systemAddress, _publicRules);
    }
}
