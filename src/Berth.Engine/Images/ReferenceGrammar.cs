using System.Text.RegularExpressions;

namespace Berth.Engine.Images;

/// <summary>
/// The reference grammar Docker validates image names with (distribution/reference):
/// <code>
/// reference     := name [ ":" tag ] [ "@" digest ]
/// name          := [domain '/'] remote-name
/// domain        := host [':' port]          host := domain-name | '[' IPv6 ']'
/// domain-name   := component ('.' component)*   component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
/// remote-name   := path-component ('/' path-component)*
/// path-component:= [a-z0-9]+ (separator [a-z0-9]+)*   separator := [._] | __ | [-]+
/// tag           := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
/// digest        := algorithm ':' [0-9a-fA-F]{32,}   algorithm := [A-Za-z][A-Za-z0-9]* ([-_+.][A-Za-z][A-Za-z0-9]*)*
/// </code>
/// Go's \w is ASCII-only and its $ is end-of-text, so the patterns spell classes out and anchor with \z.
/// </summary>
internal static partial class ReferenceGrammar
{
    private const string DomainComponent = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private const string DomainName = DomainComponent + @"(?:\." + DomainComponent + ")*";
    private const string Ipv6Address = @"\[(?:[a-fA-F0-9:]+)\]";
    private const string DomainAndPort = "(?:" + DomainName + "|" + Ipv6Address + ")" + "(?::[0-9]+)?";
    private const string PathComponent = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
    private const string RemoteName = PathComponent + "(?:/" + PathComponent + ")*";
    private const string TagPattern = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    private const string DigestPattern = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private const string NamePattern = "(?:" + DomainAndPort + "/)?" + RemoteName;

    /// <summary>Whole reference; groups: 1 name, 2 tag, 3 digest.</summary>
    [GeneratedRegex("^(" + NamePattern + ")(?::(" + TagPattern + "))?(?:@(" + DigestPattern + "))?\\z", RegexOptions.CultureInvariant)]
    internal static partial Regex Reference();

    /// <summary>A name split into groups: 1 domain (may be empty), 2 path.</summary>
    [GeneratedRegex("^(?:(" + DomainAndPort + ")/)?(" + RemoteName + ")\\z", RegexOptions.CultureInvariant)]
    internal static partial Regex AnchoredName();

    [GeneratedRegex("^" + TagPattern + "\\z", RegexOptions.CultureInvariant)]
    internal static partial Regex AnchoredTag();

    [GeneratedRegex("^" + DigestPattern + "\\z", RegexOptions.CultureInvariant)]
    internal static partial Regex AnchoredDigest();

    /// <summary>A bare 64-hex image ID, which Docker refuses as a repository name.</summary>
    [GeneratedRegex("^[a-f0-9]{64}\\z", RegexOptions.CultureInvariant)]
    internal static partial Regex AnchoredIdentifier();

    /// <summary>go-digest's looser form, used only to tell "unsupported" from "invalid".</summary>
    [GeneratedRegex("^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+\\z", RegexOptions.CultureInvariant)]
    internal static partial Regex LooseDigest();
}
