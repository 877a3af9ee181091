// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IAlphaToken
/// @notice The per-subnet Alpha token as seen by the SubnetManager and the chain's emission module.
interface IAlphaToken is IERC20 {
    /// @dev Declared for ABI compatibility; never emitted (minters are a set, see MinterAdded/Removed).
    event MinterChanged(address indexed oldMinter, address indexed newMinter);
    event TokensMinted(address indexed to, uint256 amount);
    event TokensBurned(address indexed from, uint256 amount);
    event MinterAdded(address indexed minter);
    event MinterRemoved(address indexed minter);

    function mint(address to, uint256 amount) external;
    function burn(address from, uint256 amount) external;
    function addMinter(address minter) external;
    function removeMinter(address minter) external;
    function authorized_minters(address account) external view returns (bool);
    function netuid() external view returns (uint16);
    function createdAt() external view returns (uint256);
}
