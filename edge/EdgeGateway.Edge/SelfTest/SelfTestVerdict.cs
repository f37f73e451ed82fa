namespace EdgeGateway.Edge.SelfTest;

public enum SelfTestVerdict
{
    Pass,
    Warn,
    Fail,
}
