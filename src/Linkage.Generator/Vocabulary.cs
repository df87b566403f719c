namespace Linkage.Generator;

/// <summary>Names, countries and providers the generator draws from.</summary>
internal static class Vocabulary
{
    public static readonly string[] FirstNames =
    [
        "james", "mary", "robert", "patricia", "john", "jennifer", "michael", "linda", "david", "elizabeth", "william",
        "barbara", "richard", "susan", "joseph", "jessica", "thomas", "sarah", "chris", "karen", "lena", "jonas",
        "emma", "lukas", "chloe", "hugo", "yuki", "haruto", "priya", "arjun", "ana", "joao", "olivia", "noah",
        "sofia", "mateo", "amelia", "leo", "mia", "oscar", "zoe", "felix", "nora", "omar", "fatima", "wei", "li",
    ];

    public static readonly string[] LastNames =
    [
        "smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "rodriguez", "martinez",
        "hernandez", "lopez", "wilson", "anderson", "taylor", "thomas", "moore", "martin", "lee", "thompson",
        "white", "harris", "clark", "lewis", "walker", "muller", "schmidt", "dubois", "moreau", "tanaka",
        "suzuki", "patel", "sharma", "silva", "santos", "nguyen", "kim", "chen", "wang", "rossi", "novak",
    ];

    public static readonly string[] Syllables =
    [
        "ac", "me", "glo", "bex", "ini", "tech", "hoo", "li", "umb", "rel", "la", "sty", "rk", "vand", "ele", "ay",
        "cy", "ber", "dyne", "wa", "yne", "nor", "th", "wind", "con", "so", "li", "da", "ted", "ten", "ex", "ta",
        "pro", "vi", "dus", "zen", "ith", "qua", "ntum", "alp", "ha", "om", "ni", "cor", "pex", "lum", "en",
    ];

    /// <summary>Region, top-level domain, share of the world (out of 100).</summary>
    public static readonly (string Region, string Tld, int Weight)[] Countries =
    [
        ("US", "com", 40), ("US", "io", 8), ("GB", "co.uk", 12), ("DE", "de", 10), ("FR", "fr", 8),
        ("AU", "com.au", 5), ("JP", "co.jp", 5), ("IN", "in", 4), ("BR", "com.br", 4), ("CA", "ca", 4),
    ];

    /// <summary>Free-mail providers, all on the bundled public list.</summary>
    public static readonly string[] PublicProviders =
    [
        "gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com",
        "web.de", "gmx.de", "orange.fr", "yahoo.co.jp", "yahoo.co.uk", "hotmail.co.uk", "aol.com", "proton.me",
    ];

    public static readonly string[] SubdomainLabels = ["eu", "us", "mail", "corp", "uk", "apac", "sales"];

    public static readonly string[] DealStagesOpen = ["Prospecting", "Qualification", "Proposal", "Negotiation"];

    public static readonly string[] ContactRoles = ["Decision Maker", "Economic Buyer", "Technical Buyer", "Influencer", "Champion"];
}
