// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IAlphaToken} from "./interfaces/IAlphaToken.sol";

/// @dev Runs before Ownable's constructor so a zero minter fails with our message, not OwnableInvalidOwner.
function _nonZeroMinter(address minter) pure returns (address) {
    require(minter != address(0), "AlphaToken: ZERO_MINTER");
    return minter;
}

/// @title AlphaToken
/// @notice The Alpha token of one subnet (docs/contracts.md#alphatoken). The SubnetManager deploys it, owns
///         it and is its first minter; the subnet owner adds further minters (e.g. the chain's emission
///         module) through the SubnetManager.
/// @dev Fix vs the reference (fixed rules): `burn(from, amount)` by a minter burns the minter's own
///      balance, or someone else's only within the allowance they gave the minter. Under the public
///      rules a minter burns from anyone, as on the public chain.
contract AlphaToken is ERC20, Ownable, IAlphaToken {
    uint16 public immutable netuid;
    address public immutable subnetManager;
    address public immutable systemAddress;
    uint256 public immutable createdAt;

    mapping(address => bool) public authorized_minters;

    bool private immutable _publicRules;

    modifier onlySubnetManager() {
        require(msg.sender == subnetManager, "AlphaToken: ONLY_SUBNET_MANAGER");
        _;
    }

    modifier onlyAuthorizedMinter() {
        require(authorized_minters[msg.sender], "AlphaToken: NOT_AUTHORIZED_MINTER");
        _;
    }

    constructor(
        string memory name,
        string memory symbol,
        address _minter,
        uint16 _netuid,
        address _systemAddress,
        bool publicRules_
    )
        ERC20(name, symbol)
        Ownable(_nonZeroMinter(_minter))
    {
        require(_systemAddress != address(0), "AlphaToken: ZERO_SYSTEM_ADDRESS");
        netuid = _netuid;
        subnetManager = _minter;
        systemAddress = _systemAddress;
        createdAt = block.timestamp;
        _publicRules = publicRules_;
        authorized_minters[_minter] = true;
    }

    function addMinter(address minter) external onlySubnetManager {
        require(minter != address(0), "AlphaToken: ZERO_ADDRESS");
        require(!authorized_minters[minter], "AlphaToken: ALREADY_MINTER");
        authorized_minters[minter] = true;
        emit MinterAdded(minter);
    }

    function removeMinter(address minter) external onlySubnetManager {
        require(minter != address(0), "AlphaToken: ZERO_ADDRESS");
        require(minter != subnetManager, "AlphaToken: CANNOT_REMOVE_SUBNET_MANAGER");
        require(authorized_minters[minter], "AlphaToken: NOT_AUTHORIZED_MINTER");
        authorized_minters[minter] = false;
        emit MinterRemoved(minter);
    }

    function mint(address to, uint256 amount) external onlyAuthorizedMinter {
        require(to != address(0), "AlphaToken: ZERO_ADDRESS");
        require(amount > 0, "AlphaToken: ZERO_AMOUNT");
        _mint(to, amount);
        emit TokensMinted(to, amount);
    }

    /// @notice Burns `amount` of `from`. A minter may burn its own tokens, or another holder's tokens
    ///         up to the allowance that holder gave it (ERC20InsufficientAllowance otherwise); under
    ///         the public rules anyone's tokens.
    function burn(address from, uint256 amount) external onlyAuthorizedMinter {
        require(from != address(0), "AlphaToken: ZERO_ADDRESS");
        require(amount > 0, "AlphaToken: ZERO_AMOUNT");
        require(balanceOf(from) >= amount, "AlphaToken: INSUFFICIENT_BALANCE");
        if (from != msg.sender && !_publicRules) _spendAllowance(from, msg.sender, amount);
        _burn(from, amount);
        emit TokensBurned(from, amount);
    }

    function getTokenInfo()
        external
        view
        returns (
            string memory _name,
            string memory _symbol,
            uint256 _totalSupply,
            uint16 _netuid,
            address _minter,
            uint256 _createdAt
        )
    {
        return (name(), symbol(), totalSupply(), netuid, subnetManager, createdAt);
    }

    function getSystemAddress() external view returns (address) {
        return systemAddress;
    }

    /// @notice True for the chain's system address and for the SubnetManager.
    function isSystemAddress(address addr) external view returns (bool) {
        return addr == systemAddress || addr == subnetManager;
    }

    function isAuthorizedMinter(address addr) external view returns (bool) {
        return authorized_minters[addr];
    }
}
