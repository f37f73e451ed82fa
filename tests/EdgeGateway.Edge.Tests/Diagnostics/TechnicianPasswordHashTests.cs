using EdgeGateway.Edge.Diagnostics.Auth;

namespace EdgeGateway.Edge.Tests.Diagnostics;

public class TechnicianPasswordHashTests
{
    [Fact]
    public void The_stored_form_verifies_the_password_and_nothing_else()
    {
        var password = TechnicianPasswordHash.GeneratePassword();
        var stored = TechnicianPasswordHash.Create(password, iterations: 10_000).ToString();

        var parsed = TechnicianPasswordHash.Parse(stored);

        Assert.StartsWith("pbkdf2-sha256$10000$", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(password, stored, StringComparison.Ordinal);
        Assert.True(parsed.Verify(password));
        Assert.False(parsed.Verify(password.ToUpperInvariant()));
        Assert.False(parsed.Verify(""));
    }

    [Fact]
    public void Generated_passwords_are_four_groups_of_four_unambiguous_characters()
    {
        var password = TechnicianPasswordHash.GeneratePassword();

        Assert.Matches("^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$", password);
        Assert.NotEqual(password, TechnicianPasswordHash.GeneratePassword());
    }

    [Theory]
    [InlineData("", "must look like")]
    [InlineData("plaintext", "must look like")]
    [InlineData("md5$1$a$b", "must look like")]
    [InlineData("pbkdf2-sha256$12$AAAAAAAAAAA=$AAAA", "iterations")]
    [InlineData("pbkdf2-sha256$100000$!!!$AAAA", "base64")]
    [InlineData("pbkdf2-sha256$100000$AAAAAAAAAAA=$AAAA", "wrong length")]
    public void A_malformed_hash_is_an_error_saying_what_is_wrong(string stored, string expected)
    {
        var error = Assert.Throws<FormatException>(() => TechnicianPasswordHash.Parse(stored));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
