// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title WHETU
/// @notice Wrapped native HETU (1:1), with EIP-2612 permit. The "HETU token" of every subnet contract.
contract WHETU is ERC20Permit, ReentrancyGuard {
    event Deposit(address indexed user, uint256 amount);
    event Withdrawal(address indexed user, uint256 amount);

    constructor() ERC20("Wrapped HETU", "WHETU") ERC20Permit("Wrapped HETU") {}

    /// @notice Plain transfers of native HETU wrap too.
    receive() external payable {
        deposit();
    }

    /// @notice Wraps msg.value native HETU into WHETU for the sender.
    function deposit() public payable nonReentrant {
        require(msg.value > 0, "WHETU: ZERO_DEPOSIT");
        _mint(msg.sender, msg.value);
        emit Deposit(msg.sender, msg.value);
    }

    /// @notice Burns `amount` WHETU of the sender and sends the same amount of native HETU back.
    function withdraw(uint256 amount) external nonReentrant {
        require(amount > 0, "WHETU: ZERO_WITHDRAWAL");
        require(balanceOf(msg.sender) >= amount, "WHETU: INSUFFICIENT_BALANCE");
        _burn(msg.sender, amount);
        (bool ok,) = payable(msg.sender).call{value: amount}("");
        require(ok, "WHETU: TRANSFER_FAILED");
        emit Withdrawal(msg.sender, amount);
    }

    /// @notice Native HETU held; equals totalSupply() unless someone force-sent value (selfdestruct).
    function totalETH() external view returns (uint256) {
        return address(this).balance;
    }
}
