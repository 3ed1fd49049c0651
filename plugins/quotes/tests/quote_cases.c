/* quote_cases.c - the harness, read_file() and the attribution cases shared by
 * test_quotes and test_quotes_internals (quote_cases.h). */
#include "quote_cases.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include <tpipe/plugin.h>

extern const tp_plugin tp_tokenizer_plugin;
extern const tp_plugin tp_quotes_plugin;

th_harness *harness(const char *const *options)
{
    th_harness *h = th_new();
    th_add(h, &tp_tokenizer_plugin, NULL);
    th_add(h, &tp_quotes_plugin, options);
    return h;
}

char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = (n + 4096 + 1) * 2;
            char *p = realloc(buf, cap);
            ck_assert_ptr_nonnull(p);
            buf = p;
        }
        size_t k = fread(buf + n, 1, 4096, f);
        n += k;
        if (k == 0)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

const speaker_case speaker_cases[] = {
    {"\"Sometimes you have to walk,\" Trump told reporters.", "Sometimes you have to walk,",
     "Trump", "told", "Trump"},
    {"Trump told reporters: \"Sometimes you have to walk.\"", "Sometimes you have to walk.",
     "Trump", "told", "Trump"},
    {"\"I am quite confident,\" said Claxton.", "I am quite confident,", "Claxton", "said",
     "Claxton"},
    {"\"We will win,\" said Mike Pompeo, who accompanied Trump.", "We will win,", "Mike Pompeo",
     "said", "Mike Pompeo"},
    {"US Secretary of State Mike Pompeo said both sides \"need to regroup\".", "need to regroup",
     "Mike Pompeo", "said", "Mike Pompeo"},
    {"Mike Pompeo arrived late. \"It was good,\" he added.", "It was good,", "Mike Pompeo", "added",
     "he"},
    {"\"It was good,\" according to Mike Pompeo.", "It was good,", "Mike Pompeo", "according to",
     "Mike Pompeo"},
    {"According to the White House, \"talks will continue next week\".",
     "talks will continue next week", "White House", "According to", NULL},
    {"The agency KCNA reported that the talks had been \"constructive and candid\".",
     "constructive and candid", "KCNA", "reported", NULL},
    {"Seoul said that Trump \"expressed regret\" over the deal.", "expressed regret", "Seoul",
     "said", "Seoul"},
    {"US Secretary of State Mike Pompeo arrived on Friday. Pompeo said \"there is still a basis "
     "for talks\".",
     "there is still a basis for talks", "Mike Pompeo", "said", "Pompeo"},
    {"North Korean Foreign Minister Ri Yong Ho spoke to the press. The minister said the offer "
     "to close \"all the nuclear production facilities\" was final.",
     "all the nuclear production facilities", "Ri Yong Ho", "said", "The minister"},
    {"Japanese Prime Minister Shinzo Abe, a longstanding hawk, told reporters that he \"fully "
     "supports the decision\".",
     "fully supports the decision", "Shinzo Abe", "told", "Shinzo Abe"},
    {"Mike Pompeo said both sides \"need to regroup\", adding: \"My sense is it will take a "
     "little while.\"",
     "My sense is it will take a little while.", "Mike Pompeo", "adding", NULL},
    {"Analyst David Kim of The Stimson Center told AFP, \"I would define success in terms of "
     "outcomes.\"",
     "I would define success in terms of outcomes.", "David Kim", "told", "David Kim"},
    {"\"This is a major failure,\" tweeted Joe Cirincione, president of the Ploughshares Fund.",
     "This is a major failure,", "Joe Cirincione", "tweeted", "Joe Cirincione"},
    {"\"The play is obscene,\" MP Kefa Ssempgani told parliament.", "The play is obscene,",
     "Kefa Ssempgani", "told", "Kefa Ssempgani"},
    {"\"I'm outraged,\" the play's organiser in Uganda, Sarah Mukasa, told the BBC.",
     "I'm outraged,", "Sarah Mukasa", "told", "Sarah Mukasa"},
    {"The Ugandan Media Council banned the play. \"The play promotes illegal acts,\" the "
     "council's ruling said.",
     "The play promotes illegal acts,", "Ugandan Media Council", "said", NULL},
    {"A BBC spokesman said: \"We are very pleased with the figures.\"",
     "We are very pleased with the figures.", "BBC", "said", "BBC"},
    {"Chelsea boss Jose Mourinho was angry. \"It is a disgrace,\" he said.", "It is a disgrace,",
     "Jose Mourinho", "said", "he"},
    {"British hurdler Sarah Claxton won the title. \"I am delighted,\" she said.",
     "I am delighted,", "Sarah Claxton", "said", "she"},
    {"Mr John Smith met Mrs Jane Brown on Friday. \"It was lovely,\" she said.", "It was lovely,",
     "Jane Brown", "said", "she"},
    {"The Football Association (FA) met on Monday. \"We will look at the tapes,\" it said.",
     "We will look at the tapes,", "FA", "said", "it"},
    {"The Korean Central News Agency (KCNA) said the leaders had a \"constructive exchange\".",
     "constructive exchange", "KCNA", "said", NULL},
    {"Fletcher was described as a \"consummate professional\" by his friend Michael Pointon.",
     "consummate professional", "Michael Pointon", "described", "Michael Pointon"},
    {"Barley is described as a \"webmaster and film-maker\".", "webmaster and film-maker", NULL,
     "described", NULL},
    {"'Need to regroup', says US\n\nThe talks ended.", "Need to regroup", "US", "says", "US"},
    {"Talks a 'major failure'\n\n\"This is a major failure,\" tweeted Joe Cirincione.",
     "major failure", "Joe Cirincione", NULL, NULL},
    {"\"We played well,\" said Arsene Wenger.\n\n\"The team showed great character today.\"",
     "The team showed great character today.", "Arsene Wenger", NULL, NULL},
    {"Arsenal boss Arsene Wenger said:\n\n\"We were brilliant today and deserved to win.\"",
     "We were brilliant today and deserved to win.", "Arsene Wenger", "said", NULL},
    {"Nuclear talks were 'very productive' but 'not a good thing to be signing anything' Trump "
     "said",
     "very productive", "Trump", NULL, NULL},
    {"US President Donald Trump met North Korean leader Kim Jong Un. The American leader said he "
     "was in \"no rush\" to sign.",
     "no rush", "Donald Trump", "said", "The American leader"},
    {"Senate Majority Leader Mitch McConnell said that Trump \"should be commended\".",
     "should be commended", "Mitch McConnell", "said", "Mitch McConnell"},
    {"North Korean leader Kim Jong Un met Trump. Kim smiled. Kim Jong Un waved. Analyst David "
     "Kim watched. Kim told reporters: \"I think it is worth welcoming.\"",
     "I think it is worth welcoming.", "Kim Jong Un", "told", "Kim"},
    {"The book is 'laughable', a clergyman has said.\n\nThe Bishop of Durham, the Rt Rev Dr Tom "
     "Wright, described it as a \"great thriller\".",
     "laughable", "Tom Wright", "said", "a clergyman"},
    {"The Bishop of Durham, the Rt Rev Dr Tom Wright, described it as a \"great thriller\".",
     "great thriller", "Tom Wright", "described", "Tom Wright"},
    {"England coach Andy Robinson was livid. Robinson told BBC Sport: \"We've got to go back to "
     "technology.\"",
     "We've got to go back to technology.", "Andy Robinson", "told", "Robinson"},
    {"British hurdler Sarah Claxton won. \"I am confident,\" the 25-year-old said.",
     "I am confident,", "Sarah Claxton", "said", "the 25-year-old"},
    {"Jose Antonio Reyes fell victim to a prank. \"I wish I was playing for Real Madrid,\" the "
     "21-year-old told Cadena Cope.",
     "I wish I was playing for Real Madrid,", "Jose Antonio Reyes", "told", NULL},
    {"Manchester United's Alex Ferguson praised his players. \"That was our hardest game,\" said "
     "the Old Trafford boss.",
     "That was our hardest game,", "Alex Ferguson", "said", NULL},
    {"The star of Rain Man and Tootsie, Dustin Hoffman, said the film culture was \"in the "
     "craphouse\".",
     "in the craphouse", "Dustin Hoffman", "said", "Dustin Hoffman"},
    {"Media and PR strategist Glen Yearwood spoke. \"The industry will work with the artists,\" "
     "according to media and PR strategist Glen Yearwood, who represents it.",
     "The industry will work with the artists,", "Glen Yearwood", "according to", NULL},
    {"Jason Gardener says the award is deserved.\n\nGardener, Darren Campbell and Mark "
     "Lewis-Francis won medals. \"I think this award is great,\" he said.",
     "I think this award is great,", "Jason Gardener", "said", "he"},
    {"His friend, the producer Quincy Jones, who described him as a \"brother in every sense\", "
     "was there.",
     "brother in every sense", "Quincy Jones", "described", NULL},
    {"The England coach Andy Robinson went on to claim that \"only one side was refereed\".",
     "only one side was refereed", "Andy Robinson", "claim", NULL},
    {"Richard Dunne is ready to stay. But the 25-year-old Dubliner underlined his intention. He "
     "added: \"It's nice to be linked with top clubs.\"",
     "It's nice to be linked with top clubs.", "Richard Dunne", "added", "He"},
    {"Richard Dunne is ready to stay. But Dunne is keen to put that behind him and said: \"I've "
     "grown up a lot.\"",
     "I've grown up a lot.", "Richard Dunne", "said", "Dunne"},
    {"The International Association of Athletics Federations (IAAF) charged them. Under IAAF "
     "rules they must reply. An IAAF spokesman said: \"We're sure their responses are on their "
     "way.\"",
     "We're sure their responses are on their way.", "IAAF", "said", "IAAF"},
    {"Roy Hodgson was at Anfield. But Hodgson told BBC Sport that he does not expect it to cost "
     "them. \"I just feel it is very difficult to say with certainty.\"",
     "I just feel it is very difficult to say with certainty.", "Roy Hodgson", NULL, NULL},
    {"Bruce Willis is suing. The lawsuit said Willis has endured \"extreme mental, physical and "
     "emotional pain.\"",
     "extreme mental, physical and emotional pain.", "Bruce Willis", "said", "The lawsuit"},
    /* Plural roles stay out of the names after them and name no one. */
    {"Presenters Anna Reid and Tom Hale opened the show. \"It was a joy,\" said Anna Reid.",
     "It was a joy,", "Anna Reid", "said", "Anna Reid"},
    {"Judges Mary Kent, Paul Dunn and Sue Ward chose the winner. Kent said the book was \"a "
     "triumph of style\".",
     "a triumph of style", "Mary Kent", "said", "Kent"},
    {"Coach Ray Bell praised his side. The judges said the final was \"a fine match\".",
     "a fine match", NULL, "said", NULL},
    {"Mark Hill beat directors including Sam Lowe to the prize. He said it was \"a lovely "
     "surprise\".",
     "a lovely surprise", "Mark Hill", "said", "He"},
    /* A role word right after a first name, before no other name word, is
     * a surname. */
    {"\"We want to win,\" says Mick Judge, the club's coach.", "We want to win,", "Mick Judge",
     "says", "Mick Judge"},
    {"Host Dan Prince joined the station. \"It is a great show,\" says Prince, 41.",
     "It is a great show,", "Dan Prince", "says", "Prince"},
    {"Leeds Chairman Ken Bates spoke on Monday. \"We are in good shape,\" Bates said.",
     "We are in good shape,", "Ken Bates", "said", "Bates"},
    {"Veteran actor Brian Cox spoke in London. The Scottish actor, whose films include Rob Roy, "
     "Troy and The Bourne Identity, said: \"The old theatre must not close.\"",
     "The old theatre must not close.", "Brian Cox", "said", "The Scottish actor"},
    {"The singer Amy Lee, who toured Britain, France and Germany last year, told reporters: \"We "
     "will be back.\"",
     "We will be back.", "Amy Lee", "told", "Amy Lee"},
    {"\"We are ready,\" coach Steve Hansen said. \"We can beat anyone,\" captain Gareth Thomas "
     "told BBC Sport. Hansen, though, is wary of the threat from France. \"At this stage of the "
     "season nothing is certain for me.\"",
     "At this stage of the season nothing is certain for me.", "Steve Hansen", NULL, NULL},
    {"\"It was tough,\" coach John Hart said. Striker Alan Smith scored twice in the second half. "
     "\"He was magnificent for us today.\"",
     "He was magnificent for us today.", "John Hart", NULL, NULL},
    {"Singer Tom Jones spoke to BBC Wales. Mr Jones said his heart belonged to the valleys. And he "
     "said there was one man he would love to sing with - Frank Sinatra. He said the late star "
     "was \"the greatest voice of all\".",
     "the greatest voice of all", "Tom Jones", "said", "He"},
    {"Actress Julia Roberts arrived first.\n\nThe loudest cheer was reserved for Titanic star Kate "
     "Winslet, who paused in the cold air to sign autographs for the fans. She said the welcome "
     "was \"simply overwhelming\".",
     "simply overwhelming", "Kate Winslet", "said", "She"},
    {"Midfielder Lee Bowyer has apologised to Arsenal's Freddie Ljungberg, who was hurt in the "
     "tackle. He said the challenge was \"a moment of madness\".",
     "a moment of madness", "Lee Bowyer", "said", "He"},
    {"Singer Dido said: \"I owe everything to my fans.\" Actor Hugh Grant - who stars in the hit "
     "comedy About A Boy - dedicated the award to \"absent friends\".",
     "absent friends", "Hugh Grant", NULL, NULL},
    /* Lower-case name particles between name words belong to the name. */
    {"Gallery curator Pieter van der Berg said: \"The collection has never looked better.\"",
     "The collection has never looked better.", "Pieter van der Berg", "said",
     "Pieter van der Berg"},
    {"Club president Maria de Souza spoke on Friday. \"We have a plan,\" de Souza said.",
     "We have a plan,", "Maria de Souza", "said", NULL},
    {"\"It was a fair result,\" said Karim bin Hassan after the race.", "It was a fair result,",
     "Karim bin Hassan", "said", "Karim bin Hassan"},
    /* A sentence-initial -ing word before a preposition or determiner opens
     * a participle clause: the subject follows its comma. */
    {"Film star Nicole Kidman arrived late.\n\nStanding in the icy wind, the actress waved to "
     "fans and said: \"It is freezing out here.\"",
     "It is freezing out here.", "Nicole Kidman", "said", "the actress"},
    {"Striker Tom Manning had a fine game.\n\nManning scored twice in the second half and said: "
     "\"We played well.\"",
     "We played well.", "Tom Manning", "said", "Manning"},
    /* A name between "the" and a common noun modifies it ("the Harry Potter
     * films"): no one a role or pronoun stands for. A person introduced
     * with ", who" is the topic of a role opening the next sentence. */
    {"Singer Anna Bell arrived with friends. She performed songs from the Harry Potter films. "
     "The 25-year-old said it was \"a dream come true\".",
     "a dream come true", "Anna Bell", "said", "The 25-year-old"},
    {"Fans cheered for Tom Hardy, who stars in the Mad Max films. The 38-year-old said he was "
     "\"thrilled to be back\".",
     "thrilled to be back", "Tom Hardy", "said", "The 38-year-old"},
    /* A person introduced with ", who" after a preposition, past an age,
     * is the he/she of the next sentence, also of a cue right after a
     * quotation that opens it. */
    {"Director Paul Grey won best film. Jack Green was also honoured. It was a first award for "
     "Tom Fenwick, who told reporters he had not expected to win. \"I am lost for words,\" he "
     "said.",
     "I am lost for words,", "Tom Fenwick", "said", "he"},
    {"Jack Green was honoured for his work on stage. The biggest cheer of the night was for Tom "
     "Fenwick, 52, who told reporters he had not expected to win. He said: \"I am lost for "
     "words.\"",
     "I am lost for words.", "Tom Fenwick", "said", "He"},
    /* A name right after an article or possessive ("the Grand Prix", "his
     * Indoor Grand Prix title") does not lead its sentence for "he". */
    {"Sprinter Jack Reed starts the season in Spain.\n\nThe 22-year-old will also race in the "
     "Grand Prix in Paris in May. \"I want to win,\" he said.",
     "I want to win,", "Jack Reed", "said", "he"},
    {"Sprinter Tom Lane has made a fine start to the year.\n\nThe 25-year-old will defend his "
     "Indoor Grand Prix title in March. \"I feel strong,\" he said.",
     "I feel strong,", "Tom Lane", "said", "he"},
    /* A nation word is not short for a name with a particle. */
    {"Wales play at the Stade de France on Saturday. \"We are ready for them,\" France said.",
     "We are ready for them,", "France", "said", "France"},
    /* A short number written twice before the same name opens a stage
     * name; said once, it is a count or a round. */
    {"Rapper 40 Grand has a new album out.\n\n\"I made it for my fans,\" 40 Grand said.",
     "I made it for my fans,", "40 Grand", "said", "Grand"},
    {"In round 3 Peter Blake won easily. \"I felt good,\" Blake said.", "I felt good,",
     "Peter Blake", "said", "Blake"},
    {"Roger Davis won in straight sets. \"The conditions were tough,\" said fifth seed Davis.",
     "The conditions were tough,", "Roger Davis", "said", "Davis"},
    {"\"He will be fit for Saturday,\" said team-mate Gavin Hughes.",
     "He will be fit for Saturday,", "Gavin Hughes", "said", "Gavin Hughes"},
    {"\"We expect him back next month,\" the Rovers' club doctor Ann Kelly said.",
     "We expect him back next month,", "Ann Kelly", "said", "Ann Kelly"},
    {"\"The knee is healing well,\" Wales' team physiotherapist Mark Evans said.",
     "The knee is healing well,", "Mark Evans", "said", "Mark Evans"},
    {"United manager Pieter Boer praised his side. \"We were patient,\" the 48-year-old "
     "Dutchman said.",
     "We were patient,", "Pieter Boer", "said", NULL},
    /* A nationality noun before a name is kept out of it, like a role. */
    {"Top seed Juan Ortega lost to fellow Spaniard Pablo Ruiz on Monday. Ruiz was delighted with "
     "his first ever Grand Slam win. \"This is the best day of my life,\" he said.",
     "This is the best day of my life,", "Pablo Ruiz", "said", "he"},
    /* An article and a word or two describing the person before a name
     * that opens the clause after the quotation. */
    {"Anna Wood beat Lena Holt in the final. \"I can't believe it,\" a tearful Wood told "
     "reporters.",
     "I can't believe it,", "Anna Wood", "told", "Wood"},
    {"Tom Reid won the 400m. \"It was hard work,\" a visibly relieved Reid said.",
     "It was hard work,", "Tom Reid", "said", "Reid"},
    /* A role, a comma, then the name in apposition: the name speaks. */
    {"Sam Cole opened the show. \"Ticket sales are up,\" said the theatre's artistic director, "
     "Helen Marsh.",
     "Ticket sales are up,", "Helen Marsh", "said", "Helen Marsh"},
    {"Sam Cole was charged. \"He denies everything,\" said one of his lawyers, Petros Nikolaou.",
     "He denies everything,", "Petros Nikolaou", "said", "Petros Nikolaou"},
    {"Sam Cole was charged. \"He denies everything,\" said his lawyer, Petros Nikolaou, outside "
     "court.",
     "He denies everything,", "Petros Nikolaou", "said", "Petros Nikolaou"},
    /* A role's field after "of", then the name. */
    {"Winger Dan Price is injured. \"He needs a rest,\" director of rugby Paul Grant told the "
     "paper.",
     "He needs a rest,", "Paul Grant", "told", "Paul Grant"},
    {"Head of communications Laura Finch said the firm was \"very disappointed\".",
     "very disappointed", "Laura Finch", "said", "Laura Finch"},
    /* A month or day word before a cue, or after a first name, is a
     * surname. */
    {"Singer Kate March is touring again.\n\n\"We never stopped,\" March wrote on her website.",
     "We never stopped,", "Kate March", "wrote", "March"},
    {"Singer Kate March is touring again. March said: \"We never stopped.\"", "We never stopped.",
     "Kate March", "said", "March"},
    {"Guitarist Jon May and Bill Day were there. \"It was loud,\" Jon May said.", "It was loud,",
     "Jon May", "said", "Jon May"},
    {"Kate March was unhappy. The report published in May said she was \"at fault\".",
     "at fault", NULL, "said", NULL},
    /* After "with", an -ing cue has its own subject. */
    {"Jim Hart left the club, with the Daily Post calling it a \"sad day\".", "sad day",
     "Daily Post", "calling", "Daily Post"},
    /* A capitalised "The" mid-sentence belongs to the name after it (bands
     * and stage names); at a sentence start it does only when the article
     * writes it so elsewhere: "The Spaniard" still describes someone. */
    {"The rapper has fallen out with his former protege The Saint.\n\nThe Saint, whose real "
     "name is Carl Moore, told a news conference: \"I never meant to hurt anyone.\"",
     "I never meant to hurt anyone.", "The Saint", "told", NULL},
    {"\"We are proud of this record,\" said The Lanterns, who play Glasgow on Friday.",
     "We are proud of this record,", "The Lanterns", "said", NULL},
    {"Carlos Moya beat Tim Henman in Dubai. The Spaniard said: \"I played well today.\"",
     "I played well today.", "Carlos Moya", "said", "The Spaniard"},
    /* "X, also known as Y", "X - aka Y": one person, named by the fuller
     * form (more words; names of as many words stay apart, each sentence
     * keeping its own); "real name" links nothing, the stage name stays. */
    {"\"The breakfast show is a national treasure,\" says DB, also known as Dan Bright.",
     "The breakfast show is a national treasure,", "Dan Bright", "says", "DB"},
    {"Producer Sam Fenwick - aka Blue Harbour - headlines the festival.\n\n\"I cannot wait to "
     "play there,\" said Blue Harbour.",
     "I cannot wait to play there,", "Blue Harbour", "said", "Blue Harbour"},
    {"Producer Sam Fenwick - aka Blue Harbour - headlines the festival. Blue Harbour sold out in "
     "an hour.\n\n\"I cannot wait to play there,\" Fenwick said.",
     "I cannot wait to play there,", "Sam Fenwick", "said", "Fenwick"},
    {"Singer Kid Vee, real name Victor Lane, spoke to reporters. \"I am back for good,\" Kid Vee "
     "said.",
     "I am back for good,", "Kid Vee", "said", "Kid Vee"},
    /* A quotation in a relative clause after a name and its age belongs to
     * that name, not to the person the clause describes. */
    {"\"We had a great run,\" says Dale Reeve, 41, who describes new host Tom Webb as \"a born "
     "entertainer\".",
     "a born entertainer", "Dale Reeve", "describes", "Dale Reeve"},
    {"Singer Amy Lowe, 25, who dubbed the tour \"a nightmare from start to finish\", has "
     "cancelled her shows.",
     "a nightmare from start to finish", "Amy Lowe", "dubbed", "Amy Lowe"},
    /* A name read after its role is whole: the lower-case word after it is
     * a verb, no adjective before another role. */
    {"Scotland player Iain Boyd beat team-mate Rory Kerr to the prize on Sunday. \"This is a "
     "real honour,\" he said.",
     "This is a real honour,", "Iain Boyd", "said", "he"},
    /* A place run into a known person's surname after "in"/"at", its comma
     * missing, is that person. */
    {"Former champion Anna Kovacs returns to the tour this week. Last month she ruled out a "
     "return, but speaking in Belgrade Kovacs admitted: \"I never stopped missing the game.\"",
     "I never stopped missing the game.", "Anna Kovacs", "admitted", NULL},
    /* "The <organisation word>" resolves to the body whose name holds that
     * word ("the festival" -> Leeds Jazz Festival), and a name after such a
     * lower-case word is that body's ("indie band The Lanterns"). */
    {"Pianist Ruth Ellis will close the Leeds Jazz Festival in June. The festival praised her "
     "\"fearless playing\" over two decades.",
     "fearless playing", "Leeds Jazz Festival", "praised", "The festival"},
    {"The Northern Youth Orchestra will tour Japan. The orchestra said the trip was \"a dream "
     "come true\" for its players.",
     "a dream come true", "Northern Youth Orchestra", "said", "The orchestra"},
    {"Award-winning folk band Hollow Pines have split up. The band said the decision was "
     "\"entirely amicable\".",
     "entirely amicable", "Hollow Pines", "said", "The band"},
    {"US rock band TLV have cancelled two concerts. The band's spokesman said they would play "
     "again \"within weeks\".",
     "within weeks", "TLV", "said", NULL},
    /* A he or she after an unnamed spokesperson's quotation is that
     * spokesperson, who speaks for the body. */
    {"Indie band Hollow Pines have cancelled a show after singer Joe Marsh was taken ill. A "
     "spokesman for the band said the tour would \"go on\". \"We all wish Joe a quick "
     "recovery,\" he said.",
     "We all wish Joe a quick recovery,", "Hollow Pines", "said", "he"},
    {"Drummer Ian Cole was taken ill before the show. An NRG spokeswoman said the band was "
     "\"hopeful\" about Friday. \"We want Ian back on stage soon,\" she said.",
     "We want Ian back on stage soon,", "NRG", "said", "she"},
    /* A sentence or paragraph that opens with a person's naming phrase and
     * a colon introduces the quotation after it (previews, transcripts); a
     * capitalised cue may open it. A lone word before a colon is no one. */
    {"Both sides have injury worries.\n\n- Riverside boss Tom Hale: \"We were poor on Saturday. "
     "\"We have to be much better here.\"",
     "We were poor on Saturday. \"We have to be much better here.", "Tom Hale", NULL, "Tom Hale"},
    {"Kelly is fit again. Said Wales coach Ian Price: \"We expect him to start on Sunday.\"",
     "We expect him to start on Sunday.", "Ian Price", "Said", "Ian Price"},
    {"The film opens on Friday.\n\nVerdict: \"A fine film with a big heart.\"",
     "A fine film with a big heart.", NULL, NULL, NULL},
    /* A nationality before a person's name is no part of it when the
     * surname is written alone too; a place or an event keeps it. A name
     * after a nationality right after a verb is its object, which "he"
     * does not take. */
    {"Canadian Marie Dubois also won her group. \"I served well,\" Dubois said.",
     "I served well,", "Marie Dubois", "said", "Dubois"},
    {"Tom Hale won the Spanish Grand Prix. \"We sold every seat,\" said a Spanish Grand Prix "
     "spokesman.",
     "We sold every seat,", "Spanish Grand Prix", "said", NULL},
    {"Tom Hale made his debut on Monday. But the wildcard was beaten by fellow Canadian Paul "
     "Roy in two sets. \"It was fun,\" he said. Roy then praised him.",
     "It was fun,", "Tom Hale", "said", "he"},
    /* A body named after a common noun written as an acronym speaks for
     * itself: "TV" written only before a noun names no body. */
    {"The show made reality TV history. \"It changed television,\" said a TV Week spokesman.",
     "It changed television,", "TV Week", "said", NULL},
    {"The BBC has renewed the show. \"It is a big hit,\" said a BBC Two spokesman.",
     "It is a big hit,", "BBC", "said", NULL},
    /* The same role qualified by different words is someone else: "the
     * top seed" is not the "fifth seed" named before. */
    {"Anna Berg won in Doha with a win over fifth seed Maria Lind. \"I served very well today,\" "
     "said the top seed.",
     "I served very well today,", "Anna Berg", "said", "the top seed"},
    {"Anna Berg won in Doha with a win over fifth seed Maria Lind. \"I was too slow today,\" "
     "said the fifth seed.",
     "I was too slow today,", "Maria Lind", "said", "the fifth seed"},
    /* A whole-sentence quotation after a sentence whose subject is a
     * known person is that person's, though the sentence after it holds a
     * cue word it cannot frame ("match point"). */
    {"Carla Ruiz lost her first three matches of the season. \"Now I feel strong again.\" Ruiz "
     "then beat Vera Holm after saving a match point.\n\n\"I was lucky,\" said Ruiz.",
     "Now I feel strong again.", "Carla Ruiz", NULL, NULL},
    /* "she" does not fall back to the last person quoted when a title
     * makes him a man, and means no thing named after "the". */
    {"\"We will carry on,\" said the gallery director, Tom Hale.\n\nMr Hale was backed by Anna "
     "Berg, head of the sister event. \"We have been careful,\" she said.",
     "We have been careful,", "Anna Berg", "said", "she"},
    {"\"We will carry on,\" said the gallery director, Tom Hale.\n\nMr Hale was backed by Anna "
     "Berg, head of the sister event, the Leeds Print Fair. \"We have been careful,\" she said.",
     "We have been careful,", "Anna Berg", "said", "she"},
    /* "they" after a name that reports something (no person's) means
     * that body, not a body mentioned before it. */
    {"Rock group Zenith have confirmed they will \"take a rest\".\n\nA statement from the "
     "group's record company Orbit said singer Tom Hale would tour alone. However they said "
     "that Zenith would \"return next year\".",
     "return next year", "Orbit", "said", "they"},
    /* A name after a preposition in an appositive is the body of the
     * subject's role, not the subject; an uncued quotation after the
     * sentence continues its reporter. */
    {"The remake was panned. Ann Hart, film critic of Screen magazine, says old shows have a "
     "ready audience.\n\n\"I can see why studios keep digging up the past for today's "
     "children.\"",
     "I can see why studios keep digging up the past for today's children.", "Ann Hart", NULL,
     NULL},
    /* A fronted subordinate clause holds no subject of the participle. */
    {"Singer Lee Cole played the Cole Arena for 30 years. When Cole died, Governor Mark Hale led "
     "the tributes, saying the star \"changed the way a generation heard music\".",
     "changed the way a generation heard music", "Mark Hale", "saying", NULL},
    /* A person with a role of their own after "and" opens a new clause... */
    {"Actress Jane Roe has given $2m to the Red Cross and actor Tom Vale promised a "
     "\"generous\" gift to Oxfam.",
     "generous", "Tom Vale", "promised", NULL},
    /* ... unless the phrase before "and" is another such person. */
    {"\"We had to learn the hard way,\" singer Gary Moss and drummer Jon Tate said.",
     "We had to learn the hard way,", "Gary Moss", "said", NULL},
    /* An unnamed role as a passive's agent is no one, not the subject. */
    {"Paul Reed, who ran a stall at the market, was called \"a menace to honest traders\" by "
     "the trial judge.",
     "a menace to honest traders", NULL, "called", NULL},
    /* A lead whose subject reports in the present tense introduces that
     * person's own account: uncued quotations (after a layout's colon
     * too) and the headline's are theirs while no one else is quoted. */
    {"'Days with the band'\n\nTo mark the reunion, Jo Lake - their first manager - remembers "
     "the early tours.\n\n: \"I joined the label in 1977 and worked on their first show in "
     "London.\"",
     "I joined the label in 1977 and worked on their first show in London.", "Jo Lake", NULL,
     NULL},
    {"'Days with the band'\n\nTo mark the reunion, Jo Lake - their first manager - remembers "
     "the early tours.\n\n: \"I joined the label in 1977 and worked on their first show in "
     "London.\"",
     "Days with the band", "Jo Lake", NULL, NULL},
    /* "…, say reports." is no person's account. */
    {"Roe 'rejects Vale offer'\n\nCoach Jim Roe has turned down an offer from Tom Vale, say "
     "reports.\n\nRoe is unwell.",
     "rejects Vale offer", NULL, NULL, NULL},
    /* A headline that sums up a claim in its own words: the lead's source,
     * or the next sentence's when the lead names none; a lead with no
     * cue, or sources never named, leave it no one's. */
    {"Stadium plan 'too costly'\n\nCity planner Joan Avery has said that the new stadium "
     "will cost twice its budget.\n\nThe council meets on Monday.",
     "too costly", "Joan Avery", NULL, NULL},
    {"Orchestra 'to tour Asia'\n\nThe orchestra will visit five cities next year, sources "
     "say.\n\nThe Northern Arts Board said the tour was funded.",
     "to tour Asia", "Northern Arts Board", NULL, NULL},
    {"Singer 'quits band'\n\nThe singer has left the group, according to fans.\n\nThe band "
     "was formed in 1990. Manager Paul Reed said: \"We wish her well.\"",
     "quits band", NULL, NULL, NULL},
    {"Critics attack show 'violence'\n\nThe show has been criticised by viewers' groups for "
     "\"needless violence\".\n\nThe Viewers Trust, which monitors children's television, said "
     "the scenes were shocking.",
     "violence", "Viewers Trust", NULL, NULL},
    {"Actor 'hurt on set'\n\nActor Sam Reid is suing a studio over an injury he said he "
     "suffered on set.",
     "hurt on set", "Sam Reid", NULL, NULL},
    {"Club 'to appeal ban'\n\nRovers will appeal against the ban, reports the Evening "
     "Post.\n\nManager Ken Bale said he was angry.",
     "to appeal ban", "Evening Post", NULL, NULL},
    {"Rocker 'to star in film'\n\nSinger Dan Holt is in talks to write and star in a new film, "
     "according to Film Weekly.",
     "to star in film", "Film Weekly", NULL, NULL},
    {"Champion 'fails drugs test'\n\nCyclist Tom Ray has failed a drugs test, according to "
     "French officials.\n\nHe denies wrongdoing.",
     "fails drugs test", NULL, NULL, NULL},
    {"The actor was charged in 2002 with \"reckless driving\", and fined.", "reckless driving",
     NULL, NULL, NULL},
    /* A person named after a role is the subject, not the role before a
     * preposition in the name of a work. */
    {"Remake 'on the way'\n\nLord of the Flies director Paul Marsh has said a remake is "
     "planned.",
     "on the way", "Paul Marsh", NULL, NULL},
    /* Two single marks written for a double one: a whole sentence that
     * continues the quotation before it. */
    {"\"I ran well,\" said Tom Hale. ''I hoped for a record but I faded late.''",
     "I hoped for a record but I faded late.", "Tom Hale", NULL, NULL},
    /* Thanking and blaming report the quoted words too. */
    {"Tom Hale was unhappy with the defence. But he blamed \"a lack of effort\" for the defeat.",
     "a lack of effort", "Tom Hale", "blamed", "he"},
    {"Singer Amy Cole thanked her fans \"for sticking with us all year\".",
     "for sticking with us all year", "Amy Cole", "thanked", "Amy Cole"},
    /* A sentence whose subject is a role ("The confident 21-year-old")
     * gives its person to the next "he"; names joined to a name after a
     * preposition ("the likes of A and B") are no subjects. */
    {"All eyes were on Tom Hale, who will now be compared with the likes of Paul Roy and Sam "
     "Ward. The confident 21-year-old is unworried by it. \"I like the pressure,\" he said.",
     "I like the pressure,", "Tom Hale", "said", "he"},
    /* "the ex-Lion": a former member is a role. */
    {"Sam Ward won 40 caps in his career. \"It is a poor side,\" said Ward. And the ex-Lion "
     "added: \"They need new players.\"",
     "They need new players.", "Sam Ward", "added", "the ex-Lion"},
    /* "outfit" before a name: a team, no person "he" could be. */
    {"\"We are talking to clubs,\" said Moreno. Moreno made it clear that a move to Spanish "
     "outfit Real Costa Blanca, who also made an offer, was unlikely. \"It was only a "
     "thought,\" he said.",
     "It was only a thought,", "Moreno", "said", "he"},
    /* A stage name ending in a number written twice ("Andre 3000"). */
    {"Rapper Zed 400 took two prizes. Zed 400 thanked his band \"for putting up with me\". "
     "\"It means a lot,\" he said.",
     "for putting up with me", "Zed 400", "thanked", "Zed 400"},
    {"Rapper Zed 400 took two prizes. Zed 400 thanked his band \"for putting up with me\". "
     "\"It means a lot,\" he said.",
     "It means a lot,", "Zed 400", "said", "he"},
    /* A name after a slash is half of a title, no person. */
    {"Tom Hale has had a fine year. Their new album Sunrise/The Long Road, which he wrote in a "
     "month, was a hit. \"We love it,\" he said.",
     "We love it,", "Tom Hale", "said", "he"},
    /* A day written as a surname after the cue, when the article names a
     * person with it. */
    {"England coach Tom Friday named his squad on Monday. \"We are ready for this,\" said "
     "Friday.",
     "We are ready for this,", "Tom Friday", "said", "Friday"},
    /* A nickname inside a name is another name of the person, who is
     * named without it. */
    {"Carlos 'Tiger' Mendes scored twice. \"It was a great night,\" Tiger said.",
     "It was a great night,", "Carlos Mendes", "said", "Tiger"},
    {"Marco \"Rocket\" Rossi won again. \"I felt strong,\" said Rossi.", "I felt strong,",
     "Marco Rossi", "said", "Rossi"},
    /* A capitalised cue opening a lead-in is no first name. */
    {"Kelly is fit again. Said Price: \"We expect him to start on Sunday.\"",
     "We expect him to start on Sunday.", "Price", "Said", "Price"},
    /* A role word after a modal is a verb: no title for the name after it. */
    {"Tom Hale will captain England on Saturday. \"It is a great honour,\" said the captain.",
     "It is a great honour,", "Tom Hale", "said", "the captain"},
    /* A name after "in" before an organisation word is a body's, no place
     * run into a person's surname. */
    {"Director Paul Stone made the film. It was panned in Rolling Stone magazine. \"I am proud "
     "of it,\" said the director.",
     "I am proud of it,", "Paul Stone", "said", "the director"},
    /* A verb of opinion in the complement of an earlier cue: the quotation
     * is the outer speaker's words. */
    {"Club chairman Tom Barker said nobody at the club believed the manager had \"lost the "
     "dressing room\".",
     "lost the dressing room", "Tom Barker", "said", "Tom Barker"},
    {"Ann Lowe, the head of the league's board, said she did not think the row was as "
     "\"serious\" as the players feared.",
     "serious", "Ann Lowe", "said", "Ann Lowe"},
    /* "did" is an auxiliary between a subject and its cue. */
    {"\"We are not worried,\" said Ann Lowe. She did, however, admit that the league had "
     "\"made mistakes in the past\", due to poor planning.",
     "made mistakes in the past", "Ann Lowe", "admit", "She"},
    /* A question before a quotation reports no one's words. */
    {"Mark Reed has won twice this year. But should fans be surprised if Reed feels he has done "
     "enough? \"It is a hard sport to love when you are always injured.\"",
     "It is a hard sport to love when you are always injured.", NULL, NULL, NULL},
    /* A quotation ending with a full stop is no part of the next one's
     * sentence, nor its speaker's. */
    {"\"We were poor in the first half,\" said coach Tom Barker. \"But we fought back well.\" "
     "\"The result is fair,\" added captain Sam Holt.",
     "But we fought back well.", "Tom Barker", NULL, NULL},
    /* "The paper" is the last publication named ("Italian daily X", "the X
     * magazine poll"), or the last name of no person or body that reports;
     * "it" after a publication named is that publication. */
    {"Italian daily Corriere accuses the coach of cowardice. \"He picked a team to lose,\" the "
     "paper says.",
     "He picked a team to lose,", "Corriere", "says", "the paper"},
    {"In Milan, Gazzetta criticises the defence. Tom Hale is praised. \"He gave everything he had,\" "
     "the newspaper writes.",
     "He gave everything he had,", "Gazzetta", "writes", "the newspaper"},
    {"The team lost in Rome. Italian daily Corriere had harsh words for the coach. It said his "
     "tactics were \"a betrayal of the fans\".",
     "a betrayal of the fans", "Corriere", "said", "It"},
    /* Organisers, judges or the jury speak for the event or award the
     * article names most (the first on a tie), not the last one named. */
    {"Anna Holm has won an award at the Oslo Film Festival. She won a prize at the Rome Film "
     "Festival in 1999. \"Her films are brave,\" organisers said in a statement.",
     "Her films are brave,", "Oslo Film Festival", "said", "organisers"},
    /* "…," the paper beams, adding: "…": the participle's quotation takes
     * the speaker the quotation before it finds after the cues. */
    {"Italian daily Corriere criticises the coach. \"He picked a team to lose,\" the paper "
     "beams, adding, \"What a night for the fans.\"",
     "What a night for the fans.", "Corriere", "adding", NULL},
    /* A count after a name ("broke Lopez four times") is no qualifier of
     * an organisation word after it: she stays a person, whom the "she"
     * after her sentence means, past an age. */
    {"Anna Petrova beat top seed Maria Lopez 6-2 6-1. Petrova broke Lopez four times in the "
     "second set. \"I am happy,\" said Petrova. Lopez, 22, was unhappy with her serve. \"I made "
     "too many mistakes,\" she said.",
     "I made too many mistakes,", "Maria Lopez", "said", "she"},
    /* The subject of a clause opened by "but", a known person, is the last
     * subject of its sentence, not a name in a list before it. */
    {"Scotland runner Tom Baker is in form. Rival Ivan Petrov said the race would be between "
     "himself, Dutchman Jan Smit and Luis Ortega of Spain but Baker is calm.\n\nHe said: \"I "
     "only worry about my own race.\"",
     "I only worry about my own race.", "Tom Baker", "said", "He"},
    /* A name after a publication word is the publication's, no person. */
    {"The film was left out, says Tom Reed, the news editor of trade magazine Film Weekly. \"It "
     "was never going to win,\" he said.",
     "It was never going to win,", "Tom Reed", "said", "he"},
    /* The name after an inverted cue is that clause's subject. */
    {"Ann Cole made the film in Leeds. It has been overlooked at the awards, says Tom Reed. \"It "
     "was never going to win,\" he said.",
     "It was never going to win,", "Tom Reed", "said", "he"},
    /* A name right after a verb, before a preposition, is its object: it
     * leads no sentence. */
    {"Coach Tom Reed named his squad. It is a chance for Reed to test his players before the "
     "tour party, who will visit Port Island in the summer. \"The game will be a great test,\" "
     "he said.",
     "The game will be a great test,", "Tom Reed", "said", "he"},
    /* "she added" resolved to a person tells her gender; failing a subject,
     * "he" takes the last person named, one after a preposition last. */
    {"Club director Ann Cole rejected the offer for Tom Reed. \"It was a waste of my time,\" said "
     "Cole. \"He is not for sale,\" she added. Reed's future has been in doubt, but good "
     "displays against Port Vale and Castle Hill have pleased the fans. \"The fans were great,\" "
     "he said.",
     "The fans were great,", "Tom Reed", "said", "he"},
    /* A sentence whose subject is a person pronoun speaks of the person
     * that pronoun means: the "she" of the cue after the next quotation
     * continues her, not a person that sentence names. */
    {"Anna Petrova has delayed her retirement. \"I can still win titles,\" said Petrova. Her "
     "season was hit by injuries but she won four titles. She had hoped that Maria Lopez would "
     "partner her in the doubles but chose to rest her ankle. \"I wanted to be sure my ankle "
     "would last the whole year,\" she said.",
     "I wanted to be sure my ankle would last the whole year,", "Anna Petrova", "said", "she"},
    /* The subject of a "but" clause may be a person after a body's
     * possessive ("but Cricket Wales' Tom Baker rejected"): the next "he"
     * is that person. */
    {"Ian Reed has criticised the pitch at Castle Park. Reed said he had asked the board to "
     "change the surface but Cricket Scotland's Tom Baker rejected his comments. \"We did ask "
     "for a faster pitch,\" he said.",
     "We did ask for a faster pitch,", "Tom Baker", "said", "he"},
    /* A sentence whose subject is "the" and a role resolving to a person
     * gives that person to a "he" after a quotation of several
     * sentences; "the writer" is the novelist (one role of three names:
     * writer, author, novelist). */
    {"Novelist Tom Reed, who has died aged 80, wrote ten thrillers. His book Skyfall was made "
     "into a film, starring Ian Cole as the pilot and Dan Webb as a doctor. The writer was "
     "known for his research, drawing his plots from his travels. \"I have never been able to "
     "write quickly. I am never satisfied,\" he once said.",
     "I have never been able to write quickly. I am never satisfied,", "Tom Reed", "said", "he"},
    /* An event ("the 2006 Palm Cup") is no one a "he" means, though it
     * opens its clause: the person after it is the subject. */
    {"Scotland manager Tom Reed has named his squad. While a place at the 2006 Palm Cup "
     "appears beyond Scotland, Reed wants a good campaign. \"We have to be positive,\" he "
     "said.",
     "We have to be positive,", "Tom Reed", "said", "he"},
    /* News's roles beyond the first lists (songwriter, referee, …) stay out
     * of the name, as capitalised sentence openers too. */
    {"Lyricist Jane Holt, who has written for several bands, said the scheme was \"long "
     "overdue\".",
     "long overdue", "Jane Holt", "said", NULL},
    {"Referee Tom Hale defended his decision. \"I saw the foul clearly,\" said Hale.",
     "I saw the foul clearly,", "Tom Hale", "said", NULL},
    /* A capitalised word joined by hyphens to a lower-case one describes
     * the person after it: no part of the name. */
    {"\"It was a night to remember,\" said Bafta-winner Ann Cole after the show.",
     "It was a night to remember,", "Ann Cole", "said", NULL},
    {"Man-of-the-match Tom Reed scored twice. \"The lads were superb,\" he said.",
     "The lads were superb,", "Tom Reed", "said", "he"},
    /* A body's name ending in an organisation word before a role is
     * registered: a short form of it stands for it. */
    {"The row began with a remark by Port Vale Club chairman Ann Cole. A Port Vale club "
     "spokesman said: \"The remark was never made.\"",
     "The remark was never made.", "Port Vale Club", "said", NULL},
    /* A name after a determiner or possessive and a lower-case
     * organisation word is that body's: no person for a role to find. */
    {"The film will be directed by Tom Reed. The studio sold the rights to Reed's company Blue "
     "Hill to develop. The director said the book was \"a gift\".",
     "a gift", "Tom Reed", "said", NULL},
    /* An unnamed spokesperson whose phrase names no body speaks for the
     * body the lead reports as saying something; "she" after her goes on
     * with it. */
    {"The quiz show Big Win will not return to screens next year, ITV has said.\n\nThe show drew "
     "small audiences in the spring. \"There are no plans for another series,\" a spokeswoman "
     "said.",
     "There are no plans for another series,", "ITV", "said", "a spokeswoman"},
    {"The quiz show Big Win will not return to screens next year, ITV has said.\n\nThe show drew "
     "small audiences in the spring. \"There are no plans for another series,\" a spokeswoman "
     "said. She added the hosts \"did a fine job, but the format had run its course\".",
     "did a fine job, but the format had run its course", "ITV", "added", "She"},
    /* A he/she after a sentence whose reporting verb has an unnamed
     * spokesperson as its subject means that spokesperson, not a name in
     * the verb's complement. */
    {"The quiz show Big Win will not return, ITV has said.\n\nThe ITV spokeswoman said Ann Cole's "
     "Star Dance Night would be a priority next year. \"That is very much on the cards for the "
     "spring,\" she said.",
     "That is very much on the cards for the spring,", "ITV", "said", "she"},
    /* "her spokesman": the person the article is about, the lead's
     * subject, not the person quoted just before; the quotation with no
     * cue after that sentence continues it. */
    {"Anna Petrova has denied reports that she will miss the French Open because of a knee "
     "injury.\n\nTournament director Tom Reed had said: \"The knee is not going to heal in "
     "time.\" But her spokesman insisted she had only delayed her entry. \"The doctors are "
     "checking her knee every week and she could still play.\"",
     "The doctors are checking her knee every week and she could still play.", "Anna Petrova",
     NULL, NULL},
    /* "read" reports what a written source (no person) before it says. */
    {"Viewers complained about the show. \"The singer was asked to tone down his act but "
     "ignored the request,\" an ITV statement read.",
     "The singer was asked to tone down his act but ignored the request,", "ITV", "read", NULL},
    /* A statement "from" a body speaks for it, past a participle after it. */
    {"Leeds have sacked their striker. A statement from Leeds explaining the decision read: \"We "
     "have a zero tolerance policy on drugs.\"",
     "We have a zero tolerance policy on drugs.", "Leeds", "read", NULL},
    /* An organisation word that names no body ("the station") speaks for
     * the body the sentence before reports as saying something. */
    {"Three hosts will share the late show.\n\nRadio Ten said the station was not trying to "
     "replace its old host. The hosts were chosen for their \"deep knowledge of many kinds of "
     "music\", the station said.",
     "deep knowledge of many kinds of music", "Radio Ten", "said", "the station"},
    /* … else the body quoted last, a few paragraphs back at most. */
    {"The striker was sent off in the derby.\n\n\"We will appeal against the red card,\" a "
     "Rovers spokesman said. The player left the ground without speaking. His manager was not "
     "available. \"The decision was wrong,\" added the spokesman.",
     "The decision was wrong,", "Rovers", "added", "the spokesman"},
    /* A statement after a sentence whose subject is a body's spokesperson
     * is that body's. */
    {"The striker was sent off in the derby.\n\nA Rovers spokesperson denied the player had "
     "sworn at the referee. The statement added: \"He was not even near the referee.\"",
     "He was not even near the referee.", "Rovers", "added", "The statement"},
    /* A capitalised role between a place or body and a name of two words
     * is the person's title, the words before it no part of the name;
     * sheriff and mayor are roles. */
    {"Officers searched the prison on Monday. \"Nobody told me about the cameras,\" Hill "
     "County Sheriff Dan Porter said.",
     "Nobody told me about the cameras,", "Dan Porter", "said", "Dan Porter"},
    {"The city will ban cars from its centre. \"The air is too dirty,\" said Riverton Mayor "
     "Anne Shaw.",
     "The air is too dirty,", "Anne Shaw", "said", "Anne Shaw"},
    /* A cue right after a closing dash: its subject is the phrase before
     * the opening one, or after "and"/"but" the subject of that clause. */
    {"Jane Hale - who ran the charity for ten years - said the cuts were \"a betrayal of the "
     "poor\".",
     "a betrayal of the poor", "Jane Hale", "said", "Jane Hale"},
    {"Tom Reed has twice tried to revive the club - which folded in 1998 - but admitted the "
     "attempts had been \"a costly mistake\".",
     "a costly mistake", "Tom Reed", "admitted", "Tom Reed"},
    /* A quotation set off by dashes mid-sentence is framed by the cue of
     * the clause before the opening dash. */
    {"Tom Reed said that his two new signings - \"the best players I have ever worked with\" - "
     "would start on Saturday.",
     "the best players I have ever worked with", "Tom Reed", "said", "Tom Reed"},
    /* Two roles joined by "and" are one person's: the name after both. */
    {"Judges include actress Mary Stone.\n\n\"The entries get better every year,\" said "
     "festival founder and director Ruth Lane.",
     "The entries get better every year,", "Ruth Lane", "said", "Ruth Lane"},
    /* A document filed in a court speaks for the party that filed it: the
     * subject of the last verb saying someone goes to court ("is suing",
     * "has filed a lawsuit"; not a passive's, "is being sued"), or after
     * "his"/"her" one of that gender. */
    {"Singer Joan Hart is suing her former label over unpaid royalties.\n\nThe label denies "
     "it. The lawsuit said the firm had \"hidden money from her for years\".",
     "hidden money from her for years", "Joan Hart", "said", "The lawsuit"},
    {"Sprinter Anna Cole has filed a lawsuit against her old coach. Her suit, lodged in a "
     "federal court, said she had \"never cheated in her life\".",
     "never cheated in her life", "Anna Cole", "said", "Her suit"},
    {"Sprinter Anna Cole has filed a lawsuit against her old coach. His claims, the suit "
     "added, were \"lies from start to finish\".",
     "lies from start to finish", "Anna Cole", "added", "the suit"},
    {"A TV channel is being sued by a viewer. Tom Reid is taking legal action against the "
     "channel. The complaint said the show was \"a danger to the public\".",
     "a danger to the public", "Tom Reid", "said", "The complaint"},
    /* One capitalised word before a spokesperson after an article names
     * the body that spokesperson speaks for, no one described. */
    {"The singer cancelled her tour in June. \"She hurt her knee in a rehearsal,\" a Lark "
     "spokeswoman said.",
     "She hurt her knee in a rehearsal,", "Lark", "said", "Lark"},
    /* A name after a possessive's role or spokesperson is that person,
     * no description standing for someone named before. */
    {"The Big Prize has lost viewers since its debut. \"It will stay on the air,\" said the "
     "network's spokesman Tim Ward.",
     "It will stay on the air,", "Tim Ward", "said", "Tim Ward"},
    /* A cue with no subject of its own after "but"/"and", past a
     * quotation, shares the subject of the clause before it. */
    {"Festival director Anna Lowe said she was \"thrilled\" by the crowds, but said the "
     "decision to move the stage was \"costly but necessary\".",
     "costly but necessary", "Anna Lowe", "said", NULL},
    {"Coach Peter Hale said the team looked \"tired\" and added the result was \"a fair "
     "reflection\" of the match.",
     "a fair reflection", "Peter Hale", "added", NULL},
    /* A relative clause with no comma: its cue's subject is the
     * antecedent, never a possessor inside the object. */
    {"The novel was praised by critic Sir John Marsh who called Helen Grant's book \"quietly "
     "brilliant\".",
     "quietly brilliant", "John Marsh", "called", "John Marsh"},
    /* A past participle with its agent before "as" and the quotation
     * and no cue in the clause: a passive whose agent gives the words. */
    {"The chant \"out with the old\" was heard at the rally, translated by the campaign group "
     "Fair Vote as \"time for a change\".",
     "time for a change", "Fair Vote", NULL, "Fair Vote"},
    /* A bare apostrophe after -s is a possessive as "-'s" is: the kin
     * after it is the subject, the possessor none. */
    {"Drummer Carl Hughes went missing in 2001. Hughes' sister Anna went on television in "
     "May. \"We just want to know he is safe,\" she said.",
     "We just want to know he is safe,", "Anna", "said", "she"},
    /* Kin words are roles with a gender: the name after one is that kin. */
    {"Singer Dean Platts died last year. Platts' widow Lucy went to the funeral. \"He was my "
     "world,\" she said.",
     "He was my world,", "Lucy", "said", "she"},
    /* A name written alone as a subject is no short form of an event
     * named after it. */
    {"Norvik says it will open the draw to smaller clubs next year. Norvik explained that the "
     "change \"reflects the views of its members\". Last year's Norvik Cup final drew a crowd "
     "of 8,000.",
     "reflects the views of its members", "Norvik", "explained", "Norvik"},
    /* A sentence of quoted words opening with a nested quotation
     * continues the speaker quoted before it. */
    {"Tom Reid won the final in five sets. \"I told myself 'keep going,\" said Reid. \"'Do not "
     "give in now'. And that is what I did.\"",
     "'Do not give in now'. And that is what I did.", "Tom Reid", NULL, NULL},
    /* "she" is no one whose first name is a man's (forenames.txt), nor
     * "he" a woman's. */
    {"Sprinter Karen Wilson has been charged with doping. In a statement issued through her "
     "lawyer Hamish Grant, Wilson denied the charge. \"I have done nothing wrong and I will "
     "prove it,\" she said.",
     "I have done nothing wrong and I will prove it,", "Karen Wilson", "said", "she"},
    {"Singer Laura Mills grew up in Leeds. In 1990 she and Duncan Reid formed a band in London. "
     "She left in 1998, a decision she said was \"the hardest of my life\".",
     "the hardest of my life", "Laura Mills", "said", "she"},
    {"Rachel Hughes presented the award to Craig Morton on Friday. \"This means everything to "
     "me,\" he said.",
     "This means everything to me,", "Craig Morton", "said", "he"},
    /* A description as a subject ("The Italian", "the 27-year-old
     * Corkman") stands for the person the headline and the lead name, not
     * for one named since as an object, a possessor or in a fronted
     * phrase, nor for a speaker quoted between. */
    {"Rossi hails cup comeback\n\nChelsea's Marco Rossi has praised his side's spirit after the "
     "cup win. The Italian admitted nerves had been high but could not explain why the crowd "
     "jeered Leeds manager Sir Tom Baker. \"We never stopped believing,\" he told the club's "
     "website.",
     "We never stopped believing,", "Marco Rossi", "told", "he"},
    {"Keller doubt for Open\n\nJan Keller is unlikely to play in the German Open after hurting "
     "his back. \"He needs at least three weeks of rest,\" said team doctor Paul Weber. The "
     "German has been troubled by injuries all season. \"I will listen to my body,\" he said.",
     "I will listen to my body,", "Jan Keller", "said", "he"},
    {"Byrne keen to stay at Rovers\n\nSean Byrne wants to stay at Rovers. Leeds boss Tony Hart "
     "is said to be impressed by Byrne's form this season. But the 27-year-old Corkman stressed "
     "his loyalty to the club. He added: \"I am happy here and want to win things.\"",
     "I am happy here and want to win things.", "Sean Byrne", "added", "He"},
    {"Moreau criticises tour\n\nWorld number two Claire Moreau has criticised the tour over its "
     "schedule. Responding to a remark by tour chief Peter Lang, the Frenchwoman said: \"The "
     "players are simply exhausted.\"",
     "The players are simply exhausted.", "Claire Moreau", "said", NULL},
    /* ... but the subject of the sentence before, named after the main
     * person, keeps it, and so does a person named before with the same
     * nationality. */
    {"Moreau wins in Paris\n\nClaire Moreau won the Paris title with victory over Anna Berg. "
     "Berg was the stronger player early on but faded. \"It was a good week for me,\" said the "
     "German.",
     "It was a good week for me,", "Anna Berg", "said", NULL},
    {"Lind beats Ruiz\n\nJohan Lind beat Argentine Pablo Ruiz in the final. Ruiz led early and "
     "Lind came back to win. The Argentine said: \"I was not at my best today.\"",
     "I was not at my best today.", "Pablo Ruiz", "said", NULL},
    /* A speaker's one-word name one edit from the surname of one person
     * named in full (a letter left out, changed or swapped, or a doubled
     * last letter written once) misspells it: that person speaks. */
    {"Striker Kevin Ashworth scored twice on Saturday. \"It was a great day for the club,\" "
     "said Ashwroth.",
     "It was a great day for the club,", "Kevin Ashworth", "said", "Ashwroth"},
    {"Agent Paul Farrell says no offer has been made. \"Nothing has been signed yet,\" said "
     "Farrel.",
     "Nothing has been signed yet,", "Paul Farrell", "said", "Farrel"},
    {"Top seed Anna Kowalski reached the final. Kowlaski told reporters: \"I feel ready.\"",
     "I feel ready.", "Anna Kowalski", "told", "Kowlaski"},
    /* Not when two people have such surnames, nor for another ending
     * (a plural, a demonym), nor for a short name. */
    {"Steve Harmon and Jake Harmen both played. \"We were unlucky,\" said Harman.",
     "We were unlucky,", "Harman", "said", "Harman"},
    {"Coach Brian Jonas picked the side. \"We will attack,\" said Jonah.", "We will attack,",
     "Jonah", "said", "Jonah"},
    {"Forward Alan Kerr was rested. \"It is a squad game,\" said Kehr.", "It is a squad game,",
     "Kehr", "said", "Kehr"},
    /* A body's name with a channel's number after it is another entity,
     * not the body's fuller form. */
    {"The series will be shown on Sky One next month. But Sky denied the show broke the rules. "
     "A spokesman said: \"We listened to the viewers.\"",
     "We listened to the viewers.", "Sky", "said", "A spokesman"},
    {"The final was shown on Kestrel Two. Kestrel said: \"We are proud of the coverage.\"",
     "We are proud of the coverage.", "Kestrel", "said", "Kestrel"},
    /* A statement or website a his/her owns speaks for that person. */
    {"Golfer Anna Berg will return to the tour in March. \"Anna had planned to play in Dubai,\" "
     "a statement on her website said.",
     "Anna had planned to play in Dubai,", "Anna Berg", "said", "a statement"},
    {"Striker Tom Brace has left the club. \"Tom wishes the fans well,\" his website said.",
     "Tom wishes the fans well,", "Tom Brace", "said", "his website"},
    /* A he/she after a phrase fronted in its clause is not the name that
     * ends that phrase. */
    {"Actress Jane Holt, who won for playing the singer Edith Piaf, said her prize was a "
     "shock. Of Piaf, she said: \"Her voice still moves everyone.\"",
     "Her voice still moves everyone.", "Jane Holt", "said", "she"},
    {"Winger Mark Dale praised keeper Henry Sharp after the match. On Sharp, he said: \"He "
     "needed the break.\"",
     "He needed the break.", "Mark Dale", "said", "he"},
    /* A quoted modifier stays the speaker's in a clause the cue reports or
     * after its "as". */
    {"Captain Brian Dunne hailed the 20-10 win as a \"special\" day for the squad.", "special",
     "Brian Dunne", "hailed", "Brian Dunne"},
    {"Actor Tom Reed said meeting the fans was an \"amazing\" part of the job.", "amazing",
     "Tom Reed", "said", "Tom Reed"},
    /* A passive of description with no agent, right after a sentence whose
     * subject is a publication, gives the publication's words; else no
     * one's. */
    {"Screen Weekly also had praise for the runners-up. Dana Holt's new drama was described as "
     "a \"bold and tender story\".",
     "bold and tender story", "Screen Weekly", "described", "Screen Weekly"},
    {"Director Dana Holt praised the cast of the film. The drama was described as a \"bold and "
     "tender story\".",
     "bold and tender story", NULL, "described", NULL},
    /* A "!" or "?" glued to a name, before words of its own sentence, ends
     * no sentence: the subject before the cue reads past it. */
    {"Jo Marsh of the campaign group Speak Out! said the ban was \"long overdue\".",
     "long overdue", "Jo Marsh", "said", "Jo Marsh"},
    {"Sam Kerr of the band Why Not? said the tour had been \"a dream\".", "a dream", "Sam Kerr",
     "said", "Sam Kerr"},
    {"The tour was cancelled in May. Dance troupe Step Up! told fans it was \"deeply sorry\".",
     "deeply sorry", "Step Up", "told", "Step Up"},
    {"The chant \"no more war\" was translated by campaign group Act Now! as \"put down the "
     "guns\".",
     "put down the guns", "Act Now", NULL, "Act Now"},
    /* A prize's judges speak for the prize: a name ending in a prize or
     * event word is no person's ("Galt Prize"); the judges opening a
     * clause are its subject; "X of the Y Award" names one prize, named by
     * the short form the article writes alone ("the Marsh", "Marsh poetry
     * prize"). */
    {"Novelist Anna Smith has won the Galt Prize for her book.\n\nShe beat three other "
     "writers. \"A bold and generous book,\" said the judges.",
     "A bold and generous book,", "Galt Prize", "said", "the judges"},
    {"Novelist Anna Smith has won the Galt Prize for her book.\n\nShe beat three other "
     "writers. The judges called it \"a bold and generous book\".",
     "a bold and generous book", "Galt Prize", "called", "The judges"},
    {"Ray Lund wins Marsh poetry prize\n\nPoet Ray Lund has won the Marsh Poem of the Year "
     "Award.\n\nHe beat the Bell Prize winner Jo Kent. The judges said his poems were \"full of "
     "light\". It is a big boost for the Marsh.",
     "full of light", "Marsh", "said", "The judges"},
    {"Lund wins Marsh poetry prize\n\nPoet Ray Lund has won the Marsh Poem of the Year "
     "Award.\n\nHe beat the Bell Prize winner Jo Kent. The judges said his poems were \"full of "
     "light\".",
     "full of light", "Marsh", "said", "The judges"},
    /* A "!" that ends its sentence still does. */
    {"\"Stop!\" the officer shouted. Ann Cole said the crowd was \"very calm\".", "very calm",
     "Ann Cole", "said", "Ann Cole"},
    /* A plural nationality before names describes them, as the singular
     * does; a description before the singular is stripped with it. */
    {"Second seeds Canadians Mark Dowd and Lee Fraser reached the final. \"We served well,\" "
     "said Dowd.",
     "We served well,", "Mark Dowd", "said", "Dowd"},
    {"Top-seeded German Karl Brandt won in two sets. \"It was a hard match,\" said Brandt.",
     "It was a hard match,", "Karl Brandt", "said", "Brandt"},
    /* A name after a verb's preposition, "and", a name and a cue: the
     * cue's subject is the second name (a new clause); after "of" the
     * pair is still the first's. */
    {"Coach Tom Hale was pleased. The winger has been resting at Leeds and Hale said: \"He is "
     "nearly fit.\"",
     "He is nearly fit.", "Tom Hale", "said", "Hale"},
    {"Rovers drew at Bristol. The keeper trained with Jim Orr and Hale said he looked \"very "
     "sharp\".",
     "very sharp", "Hale", "said", "Hale"},
};

const size_t speaker_case_count = sizeof speaker_cases / sizeof speaker_cases[0];
