package segment

// The word lists below were written for this project from AP style and
// the abbreviations common in English news copy. Keys are lower case,
// without the final period.

// prefixAbbrev are abbreviations that precede a name or number: a period
// after them never ends a sentence.
var prefixAbbrev = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "messrs": true, "dr": true, "prof": true, "sen": true, "sens": true,
	"rep": true, "reps": true, "gov": true, "govs": true, "gen": true, "lt": true, "col": true, "sgt": true,
	"capt": true, "cmdr": true, "adm": true, "maj": true, "cpl": true, "pvt": true, "rev": true, "hon": true,
	"pres": true, "supt": true, "det": true, "insp": true, "fr": true, "st": true, "mt": true, "ft": true,
	"atty": true, "amb": true, "sec": true, "lt.gen": true, "brig": true, "gens": true, "sr": false,
	"msgr": true, "sgts": true, "cmdrs": true, "pfc": true, "spc": true, "ens": true,
	// British styles: "Dr the Rt. Hon. Timothy Harris", "the Rt. Rev.".
	"rt": true, "rt.hon": true, "rt.rev": true, "gov.-gen": true,
}

// dotNames are names written with a full stop (case-sensitive, without
// it): Volkswagen's electric models ("ID. Buzz", "ID. 7"). A period after
// one ends a sentence only before a common opener.
var dotNames = map[string]bool{"ID": true}

// markNames are names that end in "!" (case-sensitive, with it): "E!
// News", "Yahoo! Finance". The mark ends a sentence only before a
// common opener.
var markNames = map[string]bool{
	"E!": true, "Yahoo!": true, "Jeopardy!": true, "Wham!": true, "Oklahoma!": true,
	"Panic!": true, "Airplane!": true,
}

// abbrev are abbreviations that may end a sentence ("Pitt, Briggs & Co.
// It closed"): a period after them ends one only before a common opener.
var abbrev = map[string]bool{
	"inc": true, "co": true, "corp": true, "ltd": true, "llc": true, "plc": true, "bros": true, "jr": true, "sr": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "mon": true, "tue": true, "tues": true, "wed": true,
	"thu": true, "thur": true, "thurs": true, "fri": true, "sat": true, "sun": true,
	"no": true, "nos": true, "vs": true, "v": true, "etc": true, "approx": true, "est": true, "dept": true,
	"univ": true, "assn": true, "ave": true, "blvd": true, "rd": true, "hwy": true, "mfg": true,
	"ala": true, "ariz": true, "ark": true, "calif": true, "colo": true, "conn": true, "del": true, "fla": true,
	"ga": true, "ill": true, "ind": true, "kan": true, "kans": true, "ky": true, "la": true, "md": true,
	"mass": true, "mich": true, "minn": true, "miss": true, "mo": true, "mont": true, "neb": true, "nev": true,
	"okla": true, "ore": true, "pa": true, "tenn": true, "tex": true, "va": true, "vt": true, "wash": true,
	"wis": true, "wyo": true, "p": true, "pp": true, "vol": true, "fig": true, "ch": true, "op": true,
	"cf": true, "al": true, "ed": true, "eds": true, "min": true, "max": true, "mins": true, "hrs": true,
	"sq": true, "ft.": true, "km": false, "oz": true, "lb": true, "lbs": true, "cal": true,
}

// opener are capitalised words that commonly start a sentence; after an
// abbreviation or initial they make the period a sentence end.
var opener = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "It": true, "They": true, "We": true,
	"I": true, "You": true, "His": true, "Her": true, "Its": true, "Their": true, "Our": true, "My": true,
	"Your": true, "This": true, "That": true, "These": true, "Those": true, "There": true, "Here": true,
	"But": true, "And": true, "Or": true, "So": true, "Yet": true, "If": true, "When": true, "While": true,
	"After": true, "Before": true, "As": true, "At": true, "In": true, "On": true, "For": true, "From": true,
	"To": true, "With": true, "By": true, "Of": true, "Did": true, "Do": true, "Does": true, "Is": true,
	"Are": true, "Was": true, "Were": true, "Has": true, "Have": true, "Had": true, "Will": true,
	"Would": true, "Can": true, "Could": true, "Should": true, "What": true, "Who": true, "Why": true,
	"How": true, "Where": true, "Which": true, "Mr.": true, "Mrs.": true, "Ms.": true, "Dr.": true,
	"Some": true, "Many": true, "Most": true, "All": true, "No": true, "Not": true, "Now": true,
	"Then": true, "However": true, "Still": true, "Also": true, "Other": true, "One": true, "Two": true,
	"Three": true, "Both": true, "Each": true, "Every": true, "Such": true, "Despite": true, "Although": true,
	"Since": true, "Because": true, "Meanwhile": true, "Officials": true, "Police": true, "Authorities": true,
	// News subjects and time words that open sentences after a place or a
	// company ("in the U.S. Analysts said", "Holdings Inc. Shares rose").
	"Shares": true, "Analysts": true, "Investors": true, "Residents": true, "Witnesses": true,
	"Prosecutors": true, "Lawmakers": true, "Experts": true, "Critics": true, "Researchers": true,
	"Scientists": true, "Doctors": true, "Officers": true, "Troops": true, "Protesters": true,
	"Voters": true, "Earlier": true, "Later": true, "Last": true, "Yesterday": true, "Today": true,
	"Instead": true, "Several": true, "Another": true, "Nobody": true, "Thousands": true,
	"Hundreds": true, "Dozens": true, "Millions": true, "Separately": true, "Overall": true,
}

// speechVerbs are the verbs of a quote's attribution ("“Stop!” Officer
// Diaz shouted."): a quote closed by ? ! or . and followed by one of them
// within a few words does not end the sentence.
var speechVerbs = map[string]bool{
	"said": true, "says": true, "asked": true, "asks": true, "added": true, "adds": true, "told": true,
	"shouted": true, "yelled": true, "cried": true, "replied": true, "wrote": true, "writes": true,
	"explained": true, "insisted": true, "continued": true, "recalled": true, "warned": true,
	"noted": true, "declared": true, "screamed": true, "whispered": true, "tweeted": true, "joked": true,
	"answered": true, "exclaimed": true, "demanded": true, "wondered": true, "chanted": true,
	"laughed": true, "argued": true, "admitted": true, "conceded": true, "snapped": true,
}

// timeFollowers are capitalised words that go on a sentence after a
// clock time ending in "a.m." or "p.m.": time zones ("3 p.m. EST"),
// weekdays and months ("6 a.m. Wednesday").
var timeFollowers = map[string]bool{
	"ET": true, "EST": true, "EDT": true, "CT": true, "CST": true, "CDT": true, "MT": true, "MST": true,
	"MDT": true, "PT": true, "PST": true, "PDT": true, "GMT": true, "BST": true, "UTC": true, "CET": true,
	"CEST": true, "JST": true, "IST": true, "AEST": true, "AEDT": true, "HKT": true, "SGT": true, "EET": true,
	"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true, "Saturday": true,
	"Sunday": true, "January": true, "February": true, "March": true, "April": true, "May": true,
	"June": true, "July": true, "August": true, "September": true, "October": true, "November": true,
	"December": true, "Jan.": true, "Feb.": true, "Aug.": true, "Sept.": true, "Oct.": true, "Nov.": true, "Dec.": true,
}
