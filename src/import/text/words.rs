//! The word lists behind [`super::name`]: what never names a speaker, titles, roles,
//! outlets, connectors. Data only; the judgement is in `name.rs`.

/// Words that open or make up a metadata field, a heading or a sentence, never a speaker.
#[rustfmt::skip]
pub const STOP: &[&str] = &[
    "note", "notes", "nb", "date", "dated", "time", "times", "source", "sources", "location", "venue", "place",
    "title", "subject", "re", "fwd", "summary", "background", "update", "updated", "correction", "disclaimer",
    "warning", "caution", "example", "examples", "step", "chapter", "part", "section", "agenda", "item", "topic",
    "topics", "transcript", "tags", "tag", "keywords", "category", "categories", "editor", "editors", "editor's",
    "author", "authors", "posted", "published", "url", "link", "links", "email", "e-mail", "phone", "tel", "fax",
    "address", "contact", "share", "follow", "related", "copyright", "photo", "photos", "video", "audio", "caption",
    "credit", "credits", "total", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "firstly", "secondly", "thirdly", "finally", "lastly", "next", "also", "yes", "no", "well", "so", "now",
    "then", "however", "therefore", "thus", "meanwhile", "moreover", "furthermore", "besides", "additionally",
    "thanks", "today", "tomorrow", "yesterday", "important", "reminder", "ps", "hint", "tip", "quote", "definition",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "http", "https", "ftp", "mailto",
    "www", "breaking", "exclusive", "live", "watch", "listen", "read", "see", "click", "subscribe", "sign", "key",
    "main", "final", "top", "latest", "more", "opening", "closing", "prepared", "attachment", "attachments", "file",
    "files", "page", "language", "languages", "duration", "length", "episode", "season", "format", "status", "result",
    "results", "conclusion", "introduction", "questions", "answers", "objective", "goal", "goals", "purpose",
    "problem", "solution", "issue", "issues", "case", "docket", "re:", "attn", "speakers", "participants", "present",
    "attendees", "panelists", "guests", "witnesses", "moderated", "hosted", "organizer", "organiser", "keyword",
    "description", "abstract", "rights", "license", "licence", "identifier", "kind", "type", "event", "headline",
    "dateline", "byline", "end", "begin", "start", "stop", "pause", "recess", "here", "there", "this", "that", "these",
    "those", "it", "he", "she", "they", "we", "you", "i", "my", "our", "his", "her", "their", "if", "when", "while",
    "because", "but", "and", "or", "as", "in", "on", "at", "for", "to", "with", "by", "from", "what", "why", "how",
    "who", "where", "which", "please", "thank", "dear", "hello", "hi", "ok", "okay", "tl;dr", "faq", "q&a", "wait",
    "look", "remember", "imagine", "consider",
];

/// Honorifics and titles that open a person's name (`Mr.`, `Senator`, `Chief`).
#[rustfmt::skip]
pub const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "baroness", "baron",
    "rev", "reverend", "fr", "father", "sister", "brother", "rabbi", "imam", "sen", "senator", "rep", "representative",
    "congressman", "congresswoman", "del", "delegate", "gov", "governor", "mayor", "chief", "judge", "justice",
    "commissioner", "chairman", "chairwoman", "chair", "chairperson", "president", "vice", "secretary", "minister",
    "ambassador", "general", "gen", "admiral", "adm", "col", "colonel", "capt", "captain", "lt", "lieutenant", "sgt",
    "sergeant", "officer", "detective", "det", "agent", "director", "deputy", "councilman", "councilwoman",
    "councillor", "councilor", "councilmember", "alderman", "alderwoman", "dean", "coach", "hon", "rt", "madam",
    "mister", "premier", "chancellor", "spokesperson", "spokesman", "spokeswoman", "inspector", "superintendent",
    "sheriff", "trooper", "major", "marshal", "attorney", "counsel", "prosecutor", "leader", "whip", "member",
];

/// Titles that say the person is a man or a woman; a man's and a woman's are never one person.
pub const MALE_TITLES: &[&str] =
    &["mr", "mister", "sir", "lord", "father", "fr", "brother", "baron", "congressman", "councilman", "alderman", "spokesman"];

pub const FEMALE_TITLES: &[&str] =
    &["ms", "mrs", "miss", "madam", "dame", "lady", "baroness", "sister", "congresswoman", "councilwoman", "alderwoman", "spokeswoman"];

/// Roles that label a speaker on their own.
#[rustfmt::skip]
pub const ROLES: &[&str] = &[
    "moderator", "host", "co-host", "cohost", "interviewer", "interviewee", "guest", "reporter", "journalist",
    "question", "answer", "audience", "narrator", "announcer", "chair", "chairman", "chairwoman", "chairperson",
    "president", "speaker", "witness", "interpreter", "translator", "operator", "participant", "panelist", "panellist",
    "caller", "respondent", "student", "teacher", "doctor", "patient", "voice", "voices", "crowd", "anchor",
    "correspondent", "spokesperson", "spokesman", "spokeswoman", "presenter", "member", "members", "clerk", "counsel",
    "defendant", "plaintiff", "prosecutor", "attorney", "bailiff", "juror", "court", "secretary", "minister",
    "senator", "mayor", "commissioner", "judge", "chief", "officer", "official", "unidentified", "unknown", "man",
    "woman", "male", "female", "all", "several", "multiple", "protester", "protestor", "audience member", "moderador",
    "entrevistador", "unidentified speaker", "unknown speaker", "male voice", "female voice", "unidentified man",
    "unidentified woman", "unidentified male", "unidentified female", "several voices", "multiple speakers",
    "unidentified person", "unidentified voice",
];

/// Chinese roles and the English role they mean.
#[rustfmt::skip]
pub const CJK_ROLES: &[(&str, &str)] = &[
    ("主持人", "moderator"), ("主持", "moderator"), ("记者", "reporter"), ("问", "reporter"), ("答", "answer"),
    ("发言人", "spokesperson"),
];

/// Chinese metadata words that are never speakers.
pub const CJK_STOP: &[&str] =
    &["日期", "时间", "来源", "地点", "注", "备注", "标题", "编辑", "责任编辑", "作者", "摄影", "链接", "关键词", "标签"];

/// News outlets that ask questions at briefings; any name ending in one of
/// [`OUTLET_WORDS`] is an outlet too.
#[rustfmt::skip]
pub const OUTLETS: &[&str] = &[
    "the paper", "cctv", "cgtn", "xinhua", "xinhua news agency", "china daily", "people's daily", "global times",
    "china news service", "phoenix tv", "phoenix", "reuters", "ap", "afp", "bloomberg", "cnn", "bbc", "nbc", "abc",
    "cbs", "npr", "kyodo", "nhk", "al jazeera", "dpa", "efe", "tass", "ria novosti", "yonhap", "ansa", "caixin",
    "china youth daily", "economic daily", "china radio international", "cri", "hong kong commercial daily",
    "ta kung pao", "south china morning post", "the wall street journal", "the new york times", "financial times",
    "the washington post", "politico", "axios", "associated press", "agence france-presse", "beijing youth daily",
    "21st century business herald", "jiemian", "the beijing news", "shine", "sputnik", "prensa latina", "bernama",
    "antara", "lusa", "rtl", "ard", "zdf",
];

/// Last words that make a name an outlet (`Phoenix TV`, `China News Service`).
#[rustfmt::skip]
pub const OUTLET_WORDS: &[&str] = &[
    "news", "daily", "times", "tv", "television", "radio", "agency", "post", "journal", "press", "broadcasting",
    "network", "media", "herald", "tribune", "magazine", "weekly", "gazette", "channel", "service", "wire", "observer",
    "telegraph", "guardian", "economist", "newspaper", "online", "bureau", "网", "报", "社", "台", "电视台", "新闻",
];

/// Lower-case words allowed inside a name (`Leader of the House`, `Ludwig van Beethoven`).
#[rustfmt::skip]
pub const CONNECTORS: &[&str] = &[
    "of", "the", "for", "and", "on", "de", "da", "del", "della", "di", "du", "des", "van", "von", "der", "den", "la", "le", "bin", "binti",
    "al", "el", "y", "e", "ibn", "zu", "to", "in", "at", "&", "ter", "ten", "dos", "das", "do", "af", "st",
];
