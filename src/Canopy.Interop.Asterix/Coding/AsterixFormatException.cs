using System.Diagnostics.CodeAnalysis;

namespace Canopy.Interop.Asterix.Coding;

/// <summary>Malformed ASTERIX bytes: what is wrong and the byte offset (from the start of the file or datagram) where it was found.</summary>
public sealed class AsterixFormatException : Exception
{
    public AsterixFormatException() : this(0, "malformed ASTERIX data") { }

    public AsterixFormatException(string message) : this(0, message) { }

    public AsterixFormatException(string message, Exception inner) : base(message, inner) { }

    public AsterixFormatException(long offset, string message) : base($"byte {offset}: {message}")
    {
        Offset = offset;
        Reason = message;
    }

    /// <summary>Byte offset of the fault.</summary>
    public long Offset { get; }

    /// <summary>The fault without its offset.</summary>
    public string Reason { get; } = "";

    [DoesNotReturn]
    internal static void Throw(long offset, string message) => throw new AsterixFormatException(offset, message);
}

/// <summary>One malformed part of a datagram or file, reported and skipped while decoding goes on.</summary>
public readonly record struct AsterixError(long Offset, string Message)
{
    public override string ToString() => $"byte {Offset}: {Message}";
}
