namespace Canopy.Scenarios.Loading;

/// <summary>Finds the known key nearest to a misspelt one by edit distance, for "did you mean" hints.</summary>
internal static class ClosestKey
{
    /// <summary>The nearest candidate, or null when none is within a third of the word's length (at least 2 edits).</summary>
    public static string? Among(string word, IEnumerable<string> candidates)
    {
        var limit = Math.Max(2, word.Length / 3);
        return candidates
            .Select(c => (Key: c, Distance: Levenshtein(word, c)))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance)
            .Select(c => c.Key)
            .FirstOrDefault();
    }

    /// <summary>The Levenshtein distance: fewest single-character insertions, deletions and substitutions.</summary>
    public static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
