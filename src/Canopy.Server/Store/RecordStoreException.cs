namespace Canopy.Server.Store;

/// <summary>
/// The record store could not be opened or written. Whatever the record was for did not happen: a release whose decision
/// cannot be written does not fire, and a server whose store cannot be written does not start.
/// </summary>
public sealed class RecordStoreException(string message, Exception? inner = null) : Exception(message, inner);
