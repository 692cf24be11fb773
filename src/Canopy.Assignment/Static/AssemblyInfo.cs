using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Canopy.Assignment.Tests")]
