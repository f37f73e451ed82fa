using System.Device.Gpio;

namespace EdgeGateway.Hardware.Emulation.Pn532;

/// <summary>
/// The PN532's P70_IRQ output as a one-pin <see cref="GpioDriver"/>: low while a frame waits to be read,
/// high otherwise. Give it to a <see cref="GpioController"/> so the SPI transport's IRQ path runs.
/// </summary>
public sealed class EmulatedPn532IrqLine(EmulatedPn532SpiDevice device, int pin) : GpioDriver
{
    private PinMode _mode = PinMode.Input;

    protected override int PinCount => pin + 1;

    protected override void OpenPin(int pinNumber) => Check(pinNumber);

    protected override void ClosePin(int pinNumber) => Check(pinNumber);

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        Check(pinNumber);
        _mode = mode;
    }

    protected override PinMode GetPinMode(int pinNumber) => _mode;

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        pinNumber == pin && mode is PinMode.Input or PinMode.InputPullUp;

    protected override PinValue Read(int pinNumber)
    {
        Check(pinNumber);
        return device.IsFrameReady ? PinValue.Low : PinValue.High;
    }

    protected override void Write(int pinNumber, PinValue value) =>
        throw new InvalidOperationException("The PN532 IRQ line is an output of the chip; the host only reads it.");

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Poll the IRQ line with Read.");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        throw new NotSupportedException("Poll the IRQ line with Read.");

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) =>
        throw new NotSupportedException("Poll the IRQ line with Read.");

    private void Check(int pinNumber)
    {
        if (pinNumber != pin)
        {
            throw new ArgumentOutOfRangeException(nameof(pinNumber), pinNumber, $"Only the IRQ pin {pin} exists here.");
        }
    }
}
