namespace Canopy.Tracking.Files;

/// <summary>A tracking file could not be read; the message names the file, line and column or field of every fault.</summary>
public sealed class TrackingFileException : Exception
{
    public TrackingFileException() { }

    public TrackingFileException(string message) : base(message) { }

    public TrackingFileException(string message, Exception inner) : base(message, inner) { }
}
