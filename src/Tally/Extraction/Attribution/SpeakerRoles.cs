using Tally.Languages;

namespace Tally.Extraction.Attribution;

/// <summary>
/// The sets of speaker roles (speakers.tsv's kind column, <see cref="SpeakerRole"/>) the attribution code asks about,
/// each written once with what it means. The roles: Title (a word of no kind: rank, office, determiner — "Kepala",
/// "Kolonel", "spokesman", "the"), Body (a word of a known kind of source: "kementerian", "military"), Link ("of",
/// "dari"), At (a preposition of office: "at", "di"), Aux (between speaker and verb: "juga", "has"), Pronoun ("dia",
/// "he") and Anaphor ("kementerian itu", "the ministry").
/// </summary>
/// <remarks>
/// <see cref="GivesContent"/> differs from its sibling <see cref="NamesBody"/> (with pronouns) by At, with no stated
/// reason (drift between hand-kept lists); it is kept apart so that output does not change, see its remarks. A third
/// list, "not a link, auxiliary or pronoun" (the head of a complement, the word that opens an apposition), differed from
/// <see cref="IsDescriptive"/> only by letting At through, and is now that one: after a comma At cannot be a speaker
/// word (it needs an office before it, not a comma, so the walk had already refused it), and a complement's head could be
/// At only in "in of the town" or "di dari ..." (no difference on the dev set).
/// </remarks>
internal static class SpeakerRoles
{
    /// <summary>Links the parts of one description ("Kepala Dinas Kesehatan <b>di</b> Gaza", "commander <b>of</b> the
    /// brigade"): a link or a preposition of office. Neither ends a description nor starts one.</summary>
    public static bool IsConnective(SpeakerRole r) => r is SpeakerRole.Link or SpeakerRole.At;

    /// <summary>May stand inside a description: every role but Aux (an auxiliary stands between the speaker and its
    /// verb, "Kapolri <b>juga</b> mengatakan", and ends the description).</summary>
    public static bool MayStandInDescription(SpeakerRole r) => r is not SpeakerRole.Aux;

    /// <summary>Says what the speaker is: an office, rank or plain description word (Title) or a body of a known kind
    /// (Body). A lower-case word of these after capitalised words is the noun they name ("the Al-Awda <b>hospital</b>").</summary>
    public static bool IsDescriptionNoun(SpeakerRole r) => r is SpeakerRole.Title or SpeakerRole.Body;

    /// <summary>Describes the speaker (<see cref="IsDescriptionNoun"/>) or points back to one described before
    /// (Anaphor): not a function word (link, preposition of office, auxiliary, pronoun). A place after such a word is
    /// the place of an office ("sources <b>in Gaza</b>"), not a person's; a complement has one for its head ("<b>mayor</b>
    /// of the town"); a speaker word that opens an apposition after a comma is one ("kata Kapolda, <b>Kapolres</b> X").</summary>
    public static bool IsDescriptive(SpeakerRole r) => IsDescriptionNoun(r) || r == SpeakerRole.Anaphor;

    /// <summary>Names a body: a word of a known kind of source (Body) or an anaphor that may carry its noun ("a
    /// spokeswoman for <b>the agency</b>"; callers check that the anaphor is more than "itu" alone).</summary>
    public static bool NamesBody(SpeakerRole r) => r is SpeakerRole.Body or SpeakerRole.Anaphor;

    /// <summary>Makes a description name someone even with no capitalised word: <see cref="NamesBody"/> or a pronoun
    /// (a pronoun's frame is resolved to an earlier speaker later).</summary>
    /// <remarks>Drift: the list was written as "not a title, link or auxiliary" and so counts At ("di", "in") as content.
    /// Kept apart from <see cref="NamesBody"/>: without At, a description of a title and a place in lower case only
    /// ("direktur di gaza") would stop naming someone (no difference on the dev set, but a change of behaviour).</remarks>
    public static bool GivesContent(SpeakerRole r) => NamesBody(r) || r is SpeakerRole.Pronoun or SpeakerRole.At;
}
