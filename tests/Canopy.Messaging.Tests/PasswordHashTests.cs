using Canopy.Messaging;

namespace Canopy.Messaging.Tests;

public sealed class PasswordHashTests
{
    [Fact]
    public void The_hash_is_salt_then_sha256_of_salt_and_password()
    {
        // RabbitMQ's documented example: salt 0x908DC60A, password "test12" -> kI3GCqW5JLMJa4iX1lo7X4D6XbYqlLgxIs30+P6tENUV2POR
        Assert.Equal("kI3GCqW5JLMJa4iX1lo7X4D6XbYqlLgxIs30+P6tENUV2POR", PasswordHash.Sha256("test12", [0x90, 0x8D, 0xC6, 0x0A]));
    }
}
