// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title SubnetAMM
/// @notice HETU/Alpha pool of one subnet (docs/contracts.md#subnetamm): constant product without fee, a
///         minimum reserve on each side, liquidity only from the system (chain emission module) or the
///         SubnetManager, and a moving average of the price that the chain reads through `getPoolInfo`.
/// @dev Deployed once as an implementation; every pool is an EIP-1167 clone made by the factory with
///      its "immutables" appended to the clone's code (OpenZeppelin `Clones.cloneWithImmutableArgs`).
///      That makes a subnet registration ~2 M gas cheaper than deploying the full pool code each time.
///      Packed argument layout (byte offsets): hetuToken 0, alphaToken 20, systemAddress 40,
///      subnetContract 60, creator 80, netuid 100 (uint16), mechanism 102 (uint8),
///      minimumPoolLiquidity 103 (uint256), createdAt 135 (uint64), createdBlock 143 (uint64).
contract SubnetAMM is ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    enum MechanismType {
        Stable, // 1:1
        Dynamic // constant product
    }

    uint256 public constant HALVING_TIME = 1000; // blocks; weight of the moving price

    uint256 public subnetHetu; // HETU reserve
    uint256 public subnetAlphaIn; // Alpha reserve
    uint256 public subnetAlphaOut; // Alpha bought out of this pool, net
    uint256 public currentAlphaPrice;
    uint256 public movingAlphaPrice;
    uint256 private _lastPriceBlock; // 0 until the first refresh; reads as the creation block
    uint256 public totalVolume;
    mapping(address => uint256) public userVolume;

    /// @dev Lets the clone-argument readers refuse to run on the implementation itself.
    address private immutable _implementation = address(this);
    /// @dev The localnet's `public` rule set: reproduce the public pool's quirks. Pools are clones, so
    ///      they all share the implementation's value (immutables live in its code).
    bool private immutable _publicRules;

    event SwapHETUForAlpha(address indexed user, uint256 hetuAmountIn, uint256 alphaAmountOut, uint256 newPrice);
    event SwapAlphaForHETU(address indexed user, uint256 alphaAmountIn, uint256 hetuAmountOut, uint256 newPrice);
    event LiquidityInjected(address indexed injector, uint256 hetuAmount, uint256 alphaAmount);
    event LiquidityWithdrawn(address indexed withdrawer, uint256 hetuAmount, uint256 alphaAmount);
    event PriceUpdated(uint256 currentPrice, uint256 movingPrice);
    event ReservesUpdated(uint256 subnetHetu, uint256 subnetAlphaIn, uint256 subnetAlphaOut);

    constructor(bool publicRules_) {
        _publicRules = publicRules_;
    }

    modifier onlySystem() {
        require(msg.sender == systemAddress() || msg.sender == subnetContract(), "AMM: ONLY_SYSTEM");
        _;
    }

    // ---------------------------------------------------------------- clone arguments

    /// @dev 32 bytes of the clone's immutable arguments starting at `offset` (the args follow the
    ///      45-byte EIP-1167 proxy code).
    function _arg(uint256 offset) private view returns (uint256 word) {
        require(address(this) != _implementation, "AMM: NOT_A_POOL");
        assembly ("memory-safe") {
            extcodecopy(address(), 0x00, add(0x2d, offset), 0x20)
            word := mload(0x00)
        }
    }

    function _addressArg(uint256 offset) private view returns (address) {
        return address(uint160(_arg(offset) >> 96));
    }

    function hetuToken() public view returns (address) {
        return _addressArg(0);
    }

    function alphaToken() public view returns (address) {
        return _addressArg(20);
    }

    function systemAddress() public view returns (address) {
        return _addressArg(40);
    }

    function subnetContract() public view returns (address) {
        return _addressArg(60);
    }

    /// @notice The factory that created this pool.
    function creator() public view returns (address) {
        return _addressArg(80);
    }

    function netuid() public view returns (uint16) {
        return uint16(_arg(100) >> 240);
    }

    function mechanism() public view returns (MechanismType) {
        return MechanismType(uint8(_arg(102) >> 248));
    }

    function minimumPoolLiquidity() public view returns (uint256) {
        return _arg(103);
    }

    function createdAt() public view returns (uint256) {
        return _arg(135) >> 192;
    }

    function priceUpdateBlock() public view returns (uint256) {
        uint256 last = _lastPriceBlock;
        return last == 0 ? _arg(143) >> 192 : last;
    }

    // ---------------------------------------------------------------- liquidity (system only)

    function injectLiquidity(uint256 hetuAmount, uint256 alphaAmount) external onlySystem nonReentrant {
        require(hetuAmount > 0 || alphaAmount > 0, "AMM: ZERO_AMOUNTS");
        if (hetuAmount > 0) {
            IERC20(hetuToken()).safeTransferFrom(msg.sender, address(this), hetuAmount);
            subnetHetu += hetuAmount;
        }
        if (alphaAmount > 0) {
            IERC20(alphaToken()).safeTransferFrom(msg.sender, address(this), alphaAmount);
            subnetAlphaIn += alphaAmount;
        }
        _updatePrice();
        emit LiquidityInjected(msg.sender, hetuAmount, alphaAmount);
        emit ReservesUpdated(subnetHetu, subnetAlphaIn, subnetAlphaOut);
    }

    function withdrawLiquidity(uint256 hetuAmount, uint256 alphaAmount, address to) external onlySystem nonReentrant {
        require(hetuAmount > 0 || alphaAmount > 0, "AMM: ZERO_AMOUNTS");
        require(to != address(0), "AMM: ZERO_ADDRESS");
        uint256 minLiquidity = minimumPoolLiquidity();
        if (hetuAmount > 0) {
            require(hetuAmount <= subnetHetu, "AMM: INSUFFICIENT_HETU_RESERVE");
            require(subnetHetu - hetuAmount >= minLiquidity, "AMM: BELOW_MIN_LIQUIDITY");
            subnetHetu -= hetuAmount;
            IERC20(hetuToken()).safeTransfer(to, hetuAmount);
        }
        if (alphaAmount > 0) {
            require(alphaAmount <= subnetAlphaIn, "AMM: INSUFFICIENT_ALPHA_RESERVE");
            require(subnetAlphaIn - alphaAmount >= minLiquidity, "AMM: BELOW_MIN_LIQUIDITY");
            subnetAlphaIn -= alphaAmount;
            IERC20(alphaToken()).safeTransfer(to, alphaAmount);
        }
        _updatePrice();
        emit LiquidityWithdrawn(msg.sender, hetuAmount, alphaAmount);
        emit ReservesUpdated(subnetHetu, subnetAlphaIn, subnetAlphaOut);
    }

    // ---------------------------------------------------------------- swaps (anyone)

    function swapHETUForAlpha(uint256 hetuAmountIn, uint256 alphaAmountOutMin, address to)
        external
        nonReentrant
        returns (uint256 alphaAmountOut)
    {
        require(hetuAmountIn > 0, "AMM: INSUFFICIENT_INPUT_AMOUNT");
        require(to != address(0), "AMM: ZERO_ADDRESS");
        alphaAmountOut = simSwapHETUForAlpha(hetuAmountIn);
        require(alphaAmountOut > 0, "AMM: INSUFFICIENT_LIQUIDITY");
        require(alphaAmountOut >= alphaAmountOutMin, "AMM: INSUFFICIENT_OUTPUT_AMOUNT");

        IERC20(hetuToken()).safeTransferFrom(msg.sender, address(this), hetuAmountIn);
        IERC20(alphaToken()).safeTransfer(to, alphaAmountOut);

        subnetHetu += hetuAmountIn;
        subnetAlphaIn -= alphaAmountOut;
        subnetAlphaOut += alphaAmountOut;
        totalVolume += hetuAmountIn;
        userVolume[msg.sender] += hetuAmountIn;

        _updatePrice();
        emit SwapHETUForAlpha(msg.sender, hetuAmountIn, alphaAmountOut, currentAlphaPrice);
        emit ReservesUpdated(subnetHetu, subnetAlphaIn, subnetAlphaOut);
    }

    /// @dev Only Alpha that was bought out of this pool can be sold back (reference accounting of
    ///      subnetAlphaOut); beyond that the reference panics with an underflow (kept under the public
    ///      rules), the fixed rules revert with `AMM: INSUFFICIENT_ALPHA_OUT` instead.
    function swapAlphaForHETU(uint256 alphaAmountIn, uint256 hetuAmountOutMin, address to)
        external
        nonReentrant
        returns (uint256 hetuAmountOut)
    {
        require(alphaAmountIn > 0, "AMM: INSUFFICIENT_INPUT_AMOUNT");
        require(to != address(0), "AMM: ZERO_ADDRESS");
        hetuAmountOut = simSwapAlphaForHETU(alphaAmountIn);
        require(hetuAmountOut > 0, "AMM: INSUFFICIENT_LIQUIDITY");
        require(hetuAmountOut >= hetuAmountOutMin, "AMM: INSUFFICIENT_OUTPUT_AMOUNT");
        if (!_publicRules) require(alphaAmountIn <= subnetAlphaOut, "AMM: INSUFFICIENT_ALPHA_OUT");

        IERC20(alphaToken()).safeTransferFrom(msg.sender, address(this), alphaAmountIn);
        IERC20(hetuToken()).safeTransfer(to, hetuAmountOut);

        subnetAlphaIn += alphaAmountIn;
        subnetAlphaOut -= alphaAmountIn;
        subnetHetu -= hetuAmountOut;
        uint256 hetuValue = _toHetuValue(alphaAmountIn);
        totalVolume += hetuValue;
        userVolume[msg.sender] += hetuValue;

        _updatePrice();
        emit SwapAlphaForHETU(msg.sender, alphaAmountIn, hetuAmountOut, currentAlphaPrice);
        emit ReservesUpdated(subnetHetu, subnetAlphaIn, subnetAlphaOut);
    }

    /// @notice Alpha out for `hetuAmount` in; 0 when the swap would leave less than the minimum reserve.
    function simSwapHETUForAlpha(uint256 hetuAmount) public view returns (uint256 alphaAmount) {
        uint256 h = subnetHetu;
        uint256 a = subnetAlphaIn;
        uint256 minLiquidity = minimumPoolLiquidity();
        if (mechanism() == MechanismType.Stable) {
            alphaAmount = hetuAmount;
        } else {
            if (h == 0 || a == 0) return 0;
            uint256 newAlpha = (h * a) / (h + hetuAmount);
            if (newAlpha < minLiquidity) return 0;
            alphaAmount = a - newAlpha;
        }
        if (alphaAmount > a || a - alphaAmount < minLiquidity) return 0;
    }

    /// @notice HETU out for `alphaAmount` in; 0 when the swap would leave less than the minimum reserve.
    function simSwapAlphaForHETU(uint256 alphaAmount) public view returns (uint256 hetuAmount) {
        uint256 h = subnetHetu;
        uint256 a = subnetAlphaIn;
        uint256 minLiquidity = minimumPoolLiquidity();
        if (mechanism() == MechanismType.Stable) {
            hetuAmount = alphaAmount;
        } else {
            if (h == 0 || a == 0) return 0;
            uint256 newHetu = (h * a) / (a + alphaAmount);
            if (newHetu < minLiquidity) return 0;
            hetuAmount = h - newHetu;
        }
        if (hetuAmount > h || h - hetuAmount < minLiquidity) return 0;
    }

    // ---------------------------------------------------------------- price

    /// @notice Spot price, HETU per Alpha in 1e18 fixed point (0 without Alpha reserve).
    function getAlphaPrice() public view returns (uint256 price) {
        uint256 a = subnetAlphaIn;
        return a == 0 ? 0 : (subnetHetu * 1e18) / a;
    }

    function getTheoreticalPrice() external view returns (uint256) {
        return getAlphaPrice();
    }

    function getMovingAlphaPrice() external view returns (uint256) {
        return movingAlphaPrice;
    }

    /// @notice Refreshes the cached and moving price; anyone may call it (no-op within the same block).
    function updateMovingPrice() external {
        _updatePrice();
    }

    /// @dev At most once per block. The moving price follows min(spot, 1.0) with weight n/(n+1000)
    ///      for n blocks elapsed; the very first refresh takes the spot price uncapped.
    function _updatePrice() private {
        uint256 elapsed = block.number - priceUpdateBlock();
        if (elapsed == 0) return;
        uint256 current = getAlphaPrice();
        uint256 moving = movingAlphaPrice;
        if (moving == 0) {
            moving = current;
        } else {
            uint256 weight = (elapsed * 1e18) / (elapsed + HALVING_TIME);
            uint256 capped = current > 1e18 ? 1e18 : current;
            moving = (weight * capped + (1e18 - weight) * moving) / 1e18;
        }
        currentAlphaPrice = current;
        movingAlphaPrice = moving;
        _lastPriceBlock = block.number;
        emit PriceUpdated(current, moving);
    }

    /// @dev Alpha valued at the cached price (1:1 while no price has been cached).
    function _toHetuValue(uint256 alphaAmount) private view returns (uint256) {
        uint256 price = currentAlphaPrice;
        return price == 0 ? alphaAmount : (alphaAmount * price) / 1e18;
    }

    // ---------------------------------------------------------------- views

    /// @notice The chain decodes this positionally (8 words).
    function getPoolInfo()
        external
        view
        returns (
            MechanismType _mechanism,
            uint256 _subnetHetu,
            uint256 _subnetAlphaIn,
            uint256 _subnetAlphaOut,
            uint256 _currentPrice,
            uint256 _movingPrice,
            uint256 _totalVolume,
            uint256 _minimumLiquidity
        )
    {
        return (
            mechanism(),
            subnetHetu,
            subnetAlphaIn,
            subnetAlphaOut,
            currentAlphaPrice,
            movingAlphaPrice,
            totalVolume,
            minimumPoolLiquidity()
        );
    }

    function getCreatorInfo() external view returns (address _creator, uint256 _createdAt, uint256 _netuid) {
        return (creator(), createdAt(), netuid());
    }

    function getSystemInfo() external view returns (address _systemAddress, address _subnetContract) {
        return (systemAddress(), subnetContract());
    }

    function getSwapPreview(uint256 amountIn, bool isHETUToAlpha)
        external
        view
        returns (uint256 amountOut, uint256 priceImpact, uint256 newPrice, bool isLiquiditySufficient)
    {
        uint256 h = subnetHetu;
        uint256 a = subnetAlphaIn;
        bool dynamic = mechanism() == MechanismType.Dynamic && a > 0;
        uint256 oldPrice = getAlphaPrice();
        if (isHETUToAlpha) {
            amountOut = simSwapHETUForAlpha(amountIn);
            if (dynamic) {
                uint256 alphaAfter = a - amountOut;
                newPrice = alphaAfter > 0 ? ((h + amountIn) * 1e18) / alphaAfter : 0;
                if (oldPrice > 0 && newPrice > oldPrice) priceImpact = ((newPrice - oldPrice) * 10000) / oldPrice;
            }
        } else {
            amountOut = simSwapAlphaForHETU(amountIn);
            if (dynamic) {
                newPrice = ((h - amountOut) * 1e18) / (a + amountIn);
                if (oldPrice > 0 && oldPrice > newPrice) priceImpact = ((oldPrice - newPrice) * 10000) / oldPrice;
            }
        }
        if (!dynamic) newPrice = currentAlphaPrice;
        isLiquiditySufficient = amountOut > 0;
    }

    function checkLargeTradeWarning(uint256 amountIn, bool isHETUToAlpha)
        external
        view
        returns (bool isLargeTrade, uint256 percentageOfPool, string memory warning)
    {
        uint256 reserveIn = isHETUToAlpha ? subnetHetu : subnetAlphaIn;
        if (reserveIn == 0) return (true, 0, "No liquidity available");
        percentageOfPool = (amountIn * 10000) / reserveIn; // basis points
        if (percentageOfPool >= 2000) return (true, percentageOfPool, "Very large trade: Extreme price impact expected");
        if (percentageOfPool >= 1000) return (true, percentageOfPool, "Large trade: High price impact expected");
        if (percentageOfPool >= 500) return (true, percentageOfPool, "Medium trade: Moderate price impact expected");
        return (false, percentageOfPool, "Normal trade: Low price impact expected");
    }

    function getK() external view returns (uint256) {
        return subnetHetu * subnetAlphaIn;
    }

    function getPoolHealth() external view returns (bool isHealthy, string memory status, uint256 liquidityRatio) {
        uint256 h = subnetHetu;
        uint256 a = subnetAlphaIn;
        if (h == 0 || a == 0) return (false, "No liquidity", 0);
        uint256 minLiquidity = minimumPoolLiquidity();
        if (h < minLiquidity || a < minLiquidity) {
            return (false, "Low liquidity", ((h < a ? h : a) * 100) / minLiquidity);
        }
        return (true, "Healthy", 100);
    }

    function getStatistics()
        external
        view
        returns (
            uint256 _totalVolume,
            uint256 _currentPrice,
            uint256 _movingPrice,
            uint256 _priceUpdateBlock,
            uint256 _totalLiquidity
        )
    {
        return (
            totalVolume,
            currentAlphaPrice,
            movingAlphaPrice,
            priceUpdateBlock(),
            subnetHetu + _toHetuValue(subnetAlphaIn)
        );
    }

    function getUserStats(address user) external view returns (uint256 _userVolume, uint256 _userVolumePercentage) {
        _userVolume = userVolume[user];
        uint256 total = totalVolume;
        _userVolumePercentage = total > 0 ? (_userVolume * 10000) / total : 0;
    }

    function isSystemAddress(address addr) external view returns (bool) {
        return addr == systemAddress() || addr == subnetContract();
    }

    function isCreator(address addr) external view returns (bool) {
        return addr == creator();
    }

    function getTokenBalances() external view returns (uint256 hetuBalance, uint256 alphaBalance) {
        hetuBalance = IERC20(hetuToken()).balanceOf(address(this));
        alphaBalance = IERC20(alphaToken()).balanceOf(address(this));
    }

    function verifyReserves() external view returns (bool isConsistent, string memory message) {
        if (IERC20(hetuToken()).balanceOf(address(this)) != subnetHetu) return (false, "HETU reserve mismatch");
        if (IERC20(alphaToken()).balanceOf(address(this)) != subnetAlphaIn) return (false, "Alpha reserve mismatch");
        return (true, "Reserves are consistent");
    }

    /// @notice Shortfall of the swap output against the spot-rate quote, in basis points.
    /// @dev Returns 0 for an empty reserve (the reference divides by zero there).
    function calculateSlippage(uint256 amountIn, bool isHETUToAlpha) external view returns (uint256 slippageRate) {
        if (mechanism() == MechanismType.Stable) return 0;
        uint256 h = subnetHetu;
        uint256 a = subnetAlphaIn;
        uint256 quoted;
        uint256 actual;
        if (isHETUToAlpha) {
            if (h == 0) return 0;
            quoted = (amountIn * a) / h;
            actual = simSwapHETUForAlpha(amountIn);
        } else {
            if (a == 0) return 0;
            quoted = (amountIn * h) / a;
            actual = simSwapAlphaForHETU(amountIn);
        }
        if (quoted > actual) slippageRate = ((quoted - actual) * 10000) / quoted;
    }
}
