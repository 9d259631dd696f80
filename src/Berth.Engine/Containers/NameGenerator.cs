namespace Berth.Engine.Containers;

/// <summary>Docker-style random names ("adjective_surname") for containers created without --name.</summary>
public static class NameGenerator
{
    private static readonly string[] Left =
    [
        "admiring", "agitated", "amazing", "awesome", "blissful", "bold", "brave", "busy", "charming", "clever",
        "cool", "dazzling", "determined", "eager", "ecstatic", "elegant", "epic", "festive", "focused", "friendly",
        "gallant", "gifted", "goofy", "happy", "hopeful", "inspiring", "jolly", "keen", "kind", "laughing",
        "loving", "lucid", "magical", "modest", "nice", "nifty", "optimistic", "peaceful", "pensive", "quirky",
        "relaxed", "serene", "sharp", "stoic", "sweet", "tender", "trusting", "upbeat", "vibrant", "wizardly",
    ];

    private static readonly string[] Right =
    [
        "albattani", "archimedes", "babbage", "banach", "bell", "bohr", "cerf", "curie", "darwin", "dijkstra",
        "einstein", "euclid", "euler", "fermat", "feynman", "galileo", "gauss", "goldberg", "hamilton", "hopper",
        "hypatia", "johnson", "kepler", "knuth", "lamport", "liskov", "lovelace", "maxwell", "meitner", "mirzakhani",
        "newton", "noether", "pascal", "poincare", "ritchie", "shannon", "sinoussi", "stallman", "tesla", "thompson",
        "torvalds", "turing", "varahamihira", "volhard", "wilbur", "wing", "wozniak", "wright", "yalow", "zhukovsky",
    ];

    public static string Next(Func<string, bool> taken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var name = $"{Left[Random.Shared.Next(Left.Length)]}_{Right[Random.Shared.Next(Right.Length)]}";
            if (attempt > 10) name += Random.Shared.Next(10);
            if (!taken(name)) return name;
        }
    }
}
