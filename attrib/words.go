package attrib

import "strings"

// The word lists are English news usage, gathered while reading wire and
// newspaper copy; each says what role a word plays around a speaker.

// reportingVerbs introduce a claim and its speaker ("X said", "said X").
var reportingVerbsList = (`said says say told tells announced announces reported reports wrote writes
tweeted tweets warned warns stated claimed claims added adds noted notes argued argues insisted insists
testified acknowledged acknowledges confirmed confirms denied denies alleged alleges asserted asserts
declared declares explained explains posted revealed disclosed predicted cautioned conceded admitted
stressed emphasized emphasised recalled responded replied countered vowed maintained contended
concluded estimated projected`)

// inversionVerbs may come before their speaker after a quotation or a
// clause ("..., said Jen Psaki"); "told" never does: what follows it is
// the listener.
var inversionVerbsList = (`said says added adds wrote writes warned warns noted notes explained
explains continued asked reported declared stated recalled insisted argued`)

// nounVerbs are -s forms that are more often nouns ("Trump's claims",
// "continuing claims, however"): they count as verbs only when a clause
// follows.
var nounVerbsList = (`claims reports notes tweets`)

// notClause follow a nounVerb that is a noun.
var notClauseList = (`are were is was have had of from about on in for by to and or with as at say said says
show shows showed suggest suggests indicate indicates`)

// passiveAux before a verb make it passive ("was told"): the subject is
// not the speaker.
var passiveAuxList = (`was were is are be been being`)

// betweenWords may sit between a speaker and the verb ("Biden has also
// said", "Trump on Friday said").
var betweenWordsList = (`has have had also now previously recently later again then repeatedly publicly
privately reportedly separately further first initially once already quickly immediately similarly
likewise frequently often earlier subsequently ultimately flatly`)

// negations between a speaker and the verb mean the speaker did not say it.
var negationsList = (`not never didn't didn’t hasn't hasn’t haven't haven’t no`)

// timeWords are dates and times, never a speaker.
var timeWordsList = (`monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
january february march april may june july august september october november december jan feb mar apr
jun jul aug sep sept oct nov dec morning afternoon evening night week weekend month year midnight noon`)

// months are time words that are also names ("Theresa May", "April
// Ryan") after a capitalised name.
var monthsList = (`january february march april may june july august september october november december`)

// subordinators open a clause whose subject speaks for the clause, not
// for the sentence ("after Trump said", "that the FBI had warned").
var subordinatorsList = (`after before when whenever while since until because although though once if
unless whereas that whether`)

// clauseVerbs are reporting only before "that" or a date ("he added
// that", not "employers added 943,000 jobs").
var clauseVerbsList = (`added adds responded replied posted revealed countered wrote writes`)

// passiveByList are the verbs whose agent after "was ... by" is a source
// ("was reported by Reuters"), unlike "was declared by".
var passiveByList = (`reported announced confirmed revealed disclosed stated claimed alleged`)

// timeLead come before a time word ("on Monday", "late Tuesday", "last week").
var timeLeadList = (`on late early earlier last this next`)

// determiners may open a speaker phrase ("the White House", "a senior
// official"); a phrase never runs past one to the left.
var determinersList = (`the a an his her their its our`)

// joiners sit inside names ("Secretary of State", "Centers for Disease
// Control and Prevention", "Charles de Gaulle").
var joinersList = (`of for and the de la le du da del van von al bin der y &`)

// sourceNouns head a speaker phrase without a capital: "officials",
// "a spokesperson", "the county's health officer".
var sourceNounsList = (`officials official spokesperson spokesman spokeswoman spokespeople police prosecutors
prosecutor authorities ministry lawyers lawyer attorney attorneys aides aide sources source experts expert
analysts analyst investigators investigator officers officer lawmakers senators witnesses witness
researchers researcher scientists scientist doctors doctor critics supporters residents organizers
observers democrats republicans administration government campaign agency department court judge
prosecutors spokesmen secretary president director minister chairman chairwoman governor mayor
commissioner office economists economist adviser advisers advisor advisors strategist strategists leaders
company firm team club league union organization organisation group commission committee council board
embassy military army navy chief general candidate candidates nominee representative congressman
congresswoman lawmaker members member whistleblower operative operatives family staff leader officer
representatives executives executive publisher`)

// documentNouns head a source that is a document, a count or an outlet's
// work: "a White House readout", "the latest NBC News tally".
var documentNounsList = (`readout statement report reports data figures tally poll polls survey study
analysis documents document filing filings complaint letter memo summary transcript records estimates
estimate count release indictment lawsuit ruling affidavit census review audit assessment projections
findings tweet post video interview testimony announcement newspaper network outlet agency results
tracker guidance decision`)

// roleWords are lower-case words of a title or description before a
// name or a source noun ("press secretary Jen Psaki", "a senior
// administration official").
var roleWordsList = (`press secretary spokesman spokeswoman spokesperson director chairman chairwoman chair
leader lawyer attorney adviser advisor aide minister president senator chief executive founder governor
mayor ambassador envoy commissioner counsel general justice judge representative candidate nominee manager
professor correspondent editor member head administrator deputy acting former top senior longtime then
personal national security health campaign co-ceo co-founder cofounder co-chair co-chairman co-chairwoman
co-host co-author administration department state federal county city police
military defense defence foreign intelligence public medical legal election officials official
spokespeople majority minority whip speaker house staff chief's district interim incoming outgoing
presumptive presidential vice assistant first second third fourth fifth affiliate station news associate special principal general's policy communications
economic trade finance treasury homeland justice education energy environmental interior labor
agriculture transportation commerce veterans affairs infectious disease diseases research global
regional local senior-level high-ranking top-ranking new current leaders prominent veteran leading key
influential fellow unnamed anonymous retired centrist progressive conservative liberal moderate party
nonpartisan bipartisan independent latest preliminary updated official law enforcement outspoken
navy army air marine top-ranking ranking`)

// nonNames are capitalised words that are never (part of) a speaker: the
// first word of a sentence, sentence adverbs, quantifiers, pronouns.
var nonNamesList = (`but and or so yet nor if though although because while when whereas as since
after before during despite amid among between through throughout into onto over under about above below
with without within by from to at in on off up out for against toward towards upon per via
he she they it we i you who whom whose which what where why how that this these those there here
now then also still even just only instead meanwhile however earlier later separately additionally
moreover nonetheless nevertheless overall finally first second third last next indeed yes no not
several many multiple some most all both few other others more less each every any another such none
much one two three four five six seven eight nine ten dozens hundreds thousands millions
according asked speaking continuing following citing responding writing noting adding saying asked
reportedly notably similarly likewise specifically ultimately currently recently previously initially
again already once today yesterday tonight`)

// titles are abbreviations that keep their full stop inside a name.
var titlesList = (`Sen Rep Gov Lt Gen Dr Mr Mrs Ms Jr Sr St Col Capt Adm Sgt Prof Rev Atty Maj Cmdr
Gens Sens Reps Supt Insp Mt Ft Hon Pres Amb Cpl Pvt Det Ofc Dep Gov Co Corp Inc Ltd Bros No`)

// orgWords end the names of organisations, outlets and places, which
// "he" or "she" never refers to.
var orgWordsList = (`house kremlin department ministry office news times post court party committee
agency bureau administration council congress senate government inc corp corporation association
university institute service commission foundation union journal network press reuters tribune
herald guardian telegraph gazette magazine hill examiner beast company group center centre centers
states nations county city state police board bank fund organization organisation campaign
ap cnn bbc fox nbc cbs abc msnbc npr pentagon command force forces army navy`)

// pronounSubjects are the pronouns "he said" may be resolved from.
var pronounSubjectsList = (`he she`)

// lowerStarts are lower-case words a speaker phrase may begin with:
// determiners and the bare source nouns ("officials said").
var lowerStartsList = (`the a an his her their its officials official police authorities experts expert
analysts analyst researchers researcher scientists scientist doctors doctor witnesses prosecutors
investigators sources source aides aide critics supporters residents lawmakers
democrats republicans organizers observers`)

var statementNounsList = (`statement tweet interview letter post email release op-ed speech video
filing briefing`)

var familiarList = (`familiar close briefed knowledgeable`)

// particles begin surnames in lower case ("de Blasio", "van Gogh").
var particlesList = (`de van von al bin la le du da del der`)

var prepositionsList = (`in at of from with by for to on about against into onto over under near among
between through toward towards upon within without across behind beyond like than via`)

var auxVerbsList = (`has have had will would could should can may might must did does do citing who`)

// Word classes: each list above is one bit, so a word's roles are found
// with one map look-up.
const (
	cReportingVerbs uint32 = 1 << iota
	cInversionVerbs
	cNounVerbs
	cNotClause
	cPassiveAux
	cBetweenWords
	cNegations
	cTimeWords
	cClauseVerbs
	cPassiveBy
	cSubordinators
	cMonths
	cTimeLead
	cDeterminers
	cJoiners
	cSourceNouns
	cDocumentNouns
	cRoleWords
	cNonNames
	cTitles
	cOrgWords
	cPronounSubjects
	cLowerStarts
	cStatementNouns
	cFamiliar
	cParticles
	cPrepositions
	cAuxVerbs
)

// wordInfo is a known word's lower-case form and classes.
type wordInfo struct {
	lower string
	cls   uint32
}

// known maps every listed word, and the few others the patterns compare
// against, to its lower-case form and classes; the titles are kept as
// written too ("Sen").
var known = func() map[string]wordInfo {
	m := map[string]wordInfo{}
	for _, l := range []struct {
		words string
		class uint32
	}{
		{reportingVerbsList, cReportingVerbs},
		{inversionVerbsList, cInversionVerbs},
		{nounVerbsList, cNounVerbs},
		{notClauseList, cNotClause},
		{passiveAuxList, cPassiveAux},
		{betweenWordsList, cBetweenWords},
		{negationsList, cNegations},
		{timeWordsList, cTimeWords},
		{clauseVerbsList, cClauseVerbs},
		{passiveByList, cPassiveBy},
		{subordinatorsList, cSubordinators},
		{monthsList, cMonths},
		{timeLeadList, cTimeLead},
		{determinersList, cDeterminers},
		{joinersList, cJoiners},
		{sourceNounsList, cSourceNouns},
		{documentNounsList, cDocumentNouns},
		{roleWordsList, cRoleWords},
		{nonNamesList, cNonNames},
		{titlesList, cTitles},
		{orgWordsList, cOrgWords},
		{pronounSubjectsList, cPronounSubjects},
		{lowerStartsList, cLowerStarts},
		{statementNounsList, cStatementNouns},
		{familiarList, cFamiliar},
		{particlesList, cParticles},
		{prepositionsList, cPrepositions},
		{auxVerbsList, cAuxVerbs},
		{"according to who that a an and by for from in of on the added adds", 0},
	} {
		for _, w := range strings.Fields(l.words) {
			i := m[w]
			m[w] = wordInfo{lower: w, cls: i.cls | l.class}
		}
	}
	return m
}()

// classOf returns the classes of a lower-case word.
func classOf(w string) uint32 { return known[w].cls }

// lookup returns w's lower-case form and classes. An unknown word with
// capitals gets an empty lower-case form: nothing compares against it,
// and not making one saves an allocation for most names.
func lookup(w string) (string, uint32) {
	var buf [24]byte
	if len(w) > len(buf) {
		l := strings.ToLower(w)
		return l, known[l].cls
	}
	upper := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			l := strings.ToLower(w)
			return l, known[l].cls
		}
		if c >= 'A' && c <= 'Z' {
			upper = true
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	if !upper {
		return w, known[w].cls
	}
	if i, ok := known[string(buf[:len(w)])]; ok {
		return i.lower, i.cls
	}
	return "", 0
}
