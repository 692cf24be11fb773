using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Canopy.Assignment.Tests")]
// The placement and supply models (src/Canopy.Planning) run CBC through the same deadline-aware process runner.
[assembly: InternalsVisibleTo("Canopy.Planning")]
