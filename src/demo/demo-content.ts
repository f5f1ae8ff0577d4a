import type { DemoContent } from './demo-content.types.js';

/**
 * Demo content for Ytring: a fictional public-sector union ("Forvaltningsforbundet")
 * with three blogs. All people, organisations, e-mail addresses (reserved `.example`
 * domain) and phone numbers are fictional.
 */
export const demoContent: DemoContent = {
  site: {
    title: 'Forvaltningsforbundets debatblogs',
    description:
      'Faglige indlæg og åben debat om offentlig forvaltning, arbejdsliv og digitalisering – skrevet af Forvaltningsforbundet, fagforeningen for medarbejdere og ledere i den offentlige sektor.',
  },

  people: [
    {
      key: 'lkj',
      name: 'Lars Kjærgaard Juhl',
      jobTitle: 'Politisk chefkonsulent',
      organisation: 'Forvaltningsforbundet',
      bio: 'Lars arbejder med forvaltningspolitik, offentlig styring og embedsmandsrollen. Han har tidligere været kontorchef i en styrelse og har fulgt moderniseringen af den offentlige sektor tæt i mere end femten år.',
      email: 'lkj@forvaltningsforbundet.example',
      phone: '33 12 40 11',
    },
    {
      key: 'sbn',
      name: 'Signe Bach Nørgaard',
      jobTitle: 'Arbejdsmiljøkonsulent',
      organisation: 'Forvaltningsforbundet',
      bio: 'Signe rådgiver tillidsrepræsentanter og arbejdsmiljørepræsentanter om psykisk arbejdsmiljø, ledelse og nye måder at organisere arbejdet på. Hun er uddannet cand.psych. og har en fortid som HR-partner i en region.',
      email: 'sbn@forvaltningsforbundet.example',
      phone: '33 12 40 22',
    },
    {
      key: 'mto',
      name: 'Mikkel Toft Østergaard',
      jobTitle: 'Digitaliseringsrådgiver',
      organisation: 'Forvaltningsforbundet',
      bio: 'Mikkel beskæftiger sig med digital forvaltning, datadeling og brugen af kunstig intelligens i den offentlige sektor. Han har en baggrund som it-projektleder i en kommune.',
      email: 'mto@forvaltningsforbundet.example',
      phone: '33 12 40 33',
    },
    {
      key: 'hvl',
      guest: true,
      name: 'Helle Vinther Lund',
      jobTitle: 'Afdelingschef',
      organisation: 'Ministeriet for Offentlig Fornyelse',
      bio: 'Helle leder ministeriets afdeling for tværgående samarbejde og innovation. Hun har i en årrække arbejdet med partnerskaber mellem stat, kommuner, virksomheder og civilsamfund.',
      email: 'hvl@offentligfornyelse.example',
      phone: '33 92 17 40',
    },
    {
      key: 'kdm',
      name: 'Karen Dahl Mikkelsen',
      jobTitle: 'Formand',
      organisation: 'Forvaltningsforbundet',
      bio: 'Karen har været formand for Forvaltningsforbundet siden 2021. Hun kommer fra en stilling som centerchef i en større kommune og brænder for en offentlig sektor, hvor fagligheden får plads.',
      email: 'kdm@forvaltningsforbundet.example',
      phone: '33 12 40 01',
    },
    {
      key: 'kbr',
      guest: true,
      name: 'Kasper Brink',
      jobTitle: 'HR-chef',
      organisation: 'Nordby Kommune',
      bio: 'Kasper har ansvaret for HR, ledelsesudvikling og arbejdsmiljø i Nordby Kommune. Han er særligt optaget af, hvordan ledere kan skabe sammenhold i teams, der ikke mødes hver dag.',
      email: 'kbr@nordby.example',
      phone: '44 18 22 90',
    },
    {
      key: 'ahj',
      guest: true,
      name: 'Amira Hassan Jensen',
      jobTitle: 'Fuldmægtig og tillidsrepræsentant',
      organisation: 'Styrelsen for Digital Borgerservice',
      bio: 'Amira arbejder med lovforberedelse og er tillidsrepræsentant for de akademiske medarbejdere i styrelsen. Hun sidder i Forvaltningsforbundets udvalg for unge medlemmer.',
      email: 'ahj@digitalborgerservice.example',
      phone: '33 57 61 08',
    },
  ],

  blogs: [
    {
      slug: 'forvaltning',
      title: 'Forvaltning og samfund',
      description:
        'På denne blog skriver jeg om de store og små spørgsmål i den offentlige forvaltning: styring, regelforenkling, embedsmandsrollen og samarbejdet på tværs af sektorer. Jeg har selv arbejdet i både stat og kommune, og min erfaring er, at de bedste løsninger ofte findes hos dem, der står med opgaven. Bland jer gerne i debatten i kommentarfeltet.',
      owners: ['lkj'],
    },
    {
      slug: 'arbejdsliv',
      title: 'Arbejdsliv i praksis',
      description:
        'Jeg skriver om det, der gør en forskel for trivsel og arbejdsglæde på de offentlige arbejdspladser – arbejdsmiljø, ledelse, hjemmearbejde og kompetenceudvikling. Til daglig rådgiver jeg tillidsrepræsentanter og arbejdsmiljørepræsentanter, og mange af indlæggene tager afsæt i deres erfaringer.',
      owners: ['sbn'],
    },
    {
      slug: 'digitalisering',
      title: 'Digital forvaltning',
      description:
        'Her skriver jeg om, hvordan ny teknologi forandrer arbejdet i den offentlige sektor – fra selvbetjening og datadeling til kunstig intelligens i sagsbehandlingen. Jeg er optaget af, at digitaliseringen skal styrke fagligheden og retssikkerheden frem for at udhule dem. Skriv endelig, hvis du har erfaringer, der fortjener at blive delt.',
      owners: ['mto'],
    },
  ],

  posts: [
    // ------------------------------------------------------------------
    // The post shaped like the model page: two authors, three subheadings,
    // an info box with contacts, a related publication and a comment thread.
    // ------------------------------------------------------------------
    {
      blog: 'forvaltning',
      title: 'Fælles mål på tværs af sektorer – hvad får et partnerskab til at holde?',
      lead: 'Alle er enige om, at de store velfærdsopgaver ikke kan løses af én myndighed alene. Men når stat, kommuner, virksomheder og foreninger skal arbejde sammen i praksis, går mange partnerskaber i stå efter det første år. Vi har samlet erfaringerne fra et halvt års dialog med praktikere og peger på, hvad der gør forskellen.',
      body: `I efteråret inviterede Forvaltningsforbundet og Ministeriet for Offentlig Fornyelse en bred kreds af praktikere til tre dialogmøder om samarbejde på tværs af sektorer. Deltagerne kom fra ministerier, kommuner, regioner, private virksomheder og frivillige organisationer, og de havde én ting til fælles: De havde alle prøvet at bygge et partnerskab op – nogle med stor succes, andre med en bitter erfaring rigere.

Et af de mest lærerige eksempler kom fra en mellemstor kommune, hvor jobcenteret, tre lokale virksomheder og en idrætsforening gik sammen om at få unge uden uddannelse i gang. Efter to år var andelen af unge, der holdt fast i et fritidsjob eller en praktikplads, næsten fordoblet. Ingen af parterne kunne have nået det resultat alene.

## Et partnerskab er en forpligtelse, ikke et netværk

Ordet *partnerskab* bliver brugt om meget forskelligt, så det er værd at slå fast, hvad vi mener. Et partnerskab er ikke et almindeligt leverandørforhold, hvor den ene part køber en ydelse af den anden. Det er heller ikke et løst netværk, hvor man mødes, udveksler synspunkter og går hver til sit.

I et egentligt partnerskab gælder tre ting:

- parterne har formuleret et fælles mål, som de hver især ikke kan nå alene,
- hver part bidrager med noget konkret – tid, viden, data, økonomi eller adgang til målgruppen,
- der er aftalt, hvordan resultaterne følges, og hvad der sker, hvis en part ikke leverer.

Det lyder banalt, men mange af de partnerskaber, der gik i stå, manglede netop det sidste punkt. Når ingen har ansvaret for at samle op, bliver møderne hurtigt til gode samtaler uden konsekvens.

## Hvorfor er det så svært i praksis?

Deltagerne pegede på en række barrierer, som går igen på tværs af fagområder. Den største er, at sektorerne tænker i forskellige tidshorisonter. En virksomhed vil gerne se effekt inden for et regnskabsår, mens en kommune ofte er bundet af budgetprocesser, politiske beslutninger og udbudsregler, der tager tid.

Dertil kommer *sproget*. Det, en embedsmand kalder en indsats, kalder en projektleder i en virksomhed et produkt og en frivillig koordinator et fællesskab. Det kan lyde som en detalje, men uenighed om ord dækker ofte over uenighed om mål.

Endelig er der juraen. Offentlige myndigheder skal overholde regler om forvaltning, databeskyttelse og konkurrence, og det kan virke som en bremse for de private parter. Vores klare anbefaling er, at juristerne inddrages fra begyndelsen – ikke som dørvogtere, men som medskabere af en model, der kan holde.

## Fra gode erfaringer til et fælles netværk

Et gennemgående ønske fra deltagerne var at kunne fortsætte dialogen. Derfor lancerer Forvaltningsforbundet nu et erfaringsnetværk for medarbejdere og ledere, der arbejder med partnerskaber i praksis. Netværket mødes fire gange om året, og hvert møde tager udgangspunkt i en konkret sag, som en af deltagerne har med.

Ministeriet for Offentlig Fornyelse støtter netværket og bidrager med viden fra ministeriets egne erfaringer med tværgående samarbejde. Vi forventer, at netværket især bliver relevant for dem, der arbejder på beskæftigelses-, social- og klimaområdet, hvor behovet for samarbejde på tværs er stort.

Vi tror ikke på én opskrift på det gode partnerskab. Men vi tror på, at man bliver klogere af at dele både succeser og nederlag med andre, der står med de samme udfordringer. Læs mere om netværket på [forbundets side om faglige netværk](https://example.org/netvaerk/partnerskaber).`,
      authors: [{ person: 'lkj' }, { person: 'hvl', note: 'afdelingschef i Ministeriet for Offentlig Fornyelse' }],
      tags: ['partnerskaber', 'samarbejde', 'styring'],
      daysAgo: 2,
      relatedLinks: [
        {
          title: 'Samarbejde der forpligter – erfaringer fra partnerskaber på tværs af sektorer',
          url: 'https://example.org/publikationer/samarbejde-der-forpligter',
          description:
            'Ministeriet for Offentlig Fornyelse og Forvaltningsforbundet har udgivet en publikation med konkrete cases, tjeklister og råd til, hvordan man etablerer og driver et forpligtende partnerskab.',
        },
      ],
      infoBoxes: [
        {
          heading: 'Mere information om partnerskaber og erfaringsnetværket',
          body: 'Har du spørgsmål til netværket eller til publikationen, er du velkommen til at kontakte os.',
          contacts: [
            {
              name: 'Rasmus Fogh',
              role: 'chefkonsulent i Forvaltningsforbundets sekretariat for netværk og arrangementer',
              phone: '33 12 40 18',
              email: 'rfo@forvaltningsforbundet.example',
            },
            {
              person: 'hvl',
              role: 'afdelingschef i Ministeriet for Offentlig Fornyelse',
              phone: '33 92 17 40',
              email: 'hvl@offentligfornyelse.example',
            },
            {
              person: 'lkj',
              role: 'politisk chefkonsulent i Forvaltningsforbundet',
              phone: '33 12 40 11',
              email: 'lkj@forvaltningsforbundet.example',
            },
          ],
        },
      ],
      comments: [
        {
          name: 'Birgitte Lauridsen',
          email: 'birgitte.lauridsen@post.example',
          body: 'Tak for et godt indlæg. Jeg arbejder som projektkoordinator i en frivillig organisation og har været med i to partnerskaber med kommunen. Min erfaring er, at det afgørende er, om man tidligt får talt åbent om, hvad hver part egentlig vil have ud af samarbejdet. Vi frivillige bliver tit inviteret ind, fordi vi har kontakten til borgerne, men vi bliver sjældent spurgt, hvilke ressourcer vi selv har brug for. Når det ikke er afklaret, ender vi med at løfte opgaver, som ingen har finansieret, og så smuldrer motivationen hurtigt. Jeg håber, at det nye netværk også bliver åbent for os fra civilsamfundet. Ellers risikerer man endnu en gang, at det primært er de offentlige parter, der taler med hinanden.',
          minutesAfter: 300,
          replies: [
            {
              name: 'Lars Kjærgaard Juhl',
              email: 'lkj@forvaltningsforbundet.example',
              body: 'Tak, Birgitte – det er en meget vigtig pointe, og den kom også tydeligt frem på dialogmøderne. Netværket er åbent for alle, der arbejder med partnerskaber i praksis, også i frivillige organisationer. Jeg sender dig gerne invitationen til det første møde, og vi vil meget gerne høre mere om jeres erfaringer med finansieringen.',
              minutesAfter: 420,
            },
          ],
        },
      ],
    },

    // ------------------------------------------------------------------
    {
      blog: 'arbejdsliv',
      title: 'Når fleksibilitet glider over i grænseløshed',
      lead: 'Hjemmearbejde er kommet for at blive på de fleste offentlige arbejdspladser. Det giver frihed, men også nye risici for arbejdsmiljøet. Det er på tide, at vi taler lige så meget om rammerne som om friheden.',
      body: `Da mange offentlige arbejdspladser for alvor begyndte at arbejde hjemmefra, var det en nødløsning. I dag er det en fast del af hverdagen. I vores seneste medlemsundersøgelse svarer knap syv ud af ti, at de arbejder hjemme mindst én dag om ugen, og langt de fleste er glade for det.

Det er der gode grunde til. Man sparer transporttid, man kan koncentrere sig om det tunge skrivearbejde, og det er lettere at få familielivet til at hænge sammen. Jeg hører sjældent nogen, der ønsker sig tilbage til en hverdag, hvor alle skulle sidde på kontoret fra otte til fire.

## Friheden er reel – men det er presset også

Den samme undersøgelse viser imidlertid en anden tendens. Hvert fjerde medlem svarer, at de ofte tjekker mails om aftenen, og mange oplever, at det er blevet sværere at holde fri. Det er ikke et argument imod hjemmearbejde. Men det er et argument for, at vi bliver mere bevidste om rammerne.

Problemet er sjældent den enkelte dag derhjemme. Det er summen af små glidninger: et møde, der lige bliver lagt klokken halv fem, fordi alle alligevel er online. En leder, der sender en opgave søndag aften, fordi det passede hende at skrive den der. En kollega, der svarer på alt inden for ti minutter og dermed sætter en uskreven standard.

## Tre tegn på, at grænserne er ved at skride

Hvis du genkender flere af disse tegn, er det værd at tage en snak med din leder eller din arbejdsmiljørepræsentant:

1. Du har svært ved at huske, hvornår du sidst havde en hel aften uden at tjekke arbejdsmails.
2. Du føler dig forpligtet til at vise, at du er "på", fordi ingen kan se dig arbejde.
3. Pauser og frokost er blevet noget, du klarer foran skærmen mellem to møder.

Ingen af delene er usædvanlige, og ingen af dem er tegn på svaghed. De er tegn på, at arbejdet har fået en form, som ingen har aftalt.

## Hvad kan arbejdspladsen gøre?

Ansvaret for et godt arbejdsmiljø ligger hos arbejdsgiveren, og det gælder også, når arbejdet foregår ved køkkenbordet. Jeg vil anbefale, at alle arbejdspladser tager en drøftelse i samarbejdsudvalget eller arbejdsmiljøorganisationen om:

- hvornår man forventes at kunne kontaktes, og hvornår man ikke gør,
- hvordan ledere signalerer, at mails sendt uden for arbejdstid ikke kræver svar,
- hvordan nye medarbejdere lærer kulturen at kende, selvom de ikke ser kollegerne hver dag.

Det behøver ikke blive til lange politikker. Ofte er en kort, fælles aftale, som alle kender, mere værd end et dokument på tyve sider. Vi har samlet inspiration og skabeloner på [vores side om hjemmearbejde og arbejdsmiljø](https://example.org/arbejdsmiljoe/hjemmearbejde).

*Fleksibilitet er et gode, når den er aftalt. Den bliver et problem, når den bare sker.*`,
      authors: [{ person: 'sbn' }],
      tags: ['arbejdsmiljø', 'hjemmearbejde'],
      daysAgo: 6,
      comments: [
        {
          name: 'Morten Ravn',
          email: 'morten.ravn@mail.example',
          body: 'Meget genkendeligt. Hos os har vi indført en fælles regel om, at der ikke holdes møder efter klokken 15 om fredagen, og at mails efter klokken 17 sendes med forsinket levering. Det lyder måske småt, men det har faktisk ændret stemningen. Især de nye kolleger har sagt, at det gjorde det lettere at holde fri uden dårlig samvittighed.',
          minutesAfter: 95,
          replies: [
            {
              name: 'Signe Bach Nørgaard',
              email: 'sbn@forvaltningsforbundet.example',
              body: 'Tak for et godt og konkret eksempel, Morten. Forsinket levering er et af de mest enkle greb, og det virker netop, fordi den enkelte ikke skal tage stilling til det hver gang.',
              minutesAfter: 160,
            },
          ],
        },
        {
          name: 'Louise Kragh',
          email: 'louise.kragh@mail.example',
          body: 'Jeg er enig i det meste, men jeg synes, at indlægget undervurderer, hvor forskelligt det opleves. For mig som enlig forælder er muligheden for at arbejde om aftenen, når børnene sover, netop det, der gør, at jeg kan passe et fuldtidsjob. Jeg håber ikke, at løsningen bliver faste regler, der tager den fleksibilitet fra mig.',
          minutesAfter: 240,
          replies: [
            {
              name: 'Signe Bach Nørgaard',
              email: 'sbn@forvaltningsforbundet.example',
              body: 'Det er en helt rimelig indvending, Louise. Pointen er ikke, at alle skal arbejde på de samme tidspunkter, men at det skal være et valg og ikke en forventning. Når du selv har tilrettelagt din arbejdstid på den måde, er det jo netop aftalt fleksibilitet.',
              minutesAfter: 310,
            },
          ],
        },
        {
          name: 'Henrik Dalsgaard',
          email: 'henrik.dalsgaard@post.example',
          body: 'Godt at se arbejdsmiljørepræsentanten nævnt. Vi bliver alt for sjældent inddraget, når der laves retningslinjer for hjemmearbejde, selvom det er lige præcis vores område. Jeg vil tage indlægget med på vores næste møde i arbejdsmiljøgruppen.',
          minutesAfter: 1300,
        },
      ],
    },

    // ------------------------------------------------------------------
    {
      blog: 'digitalisering',
      title: 'Kunstig intelligens i sagsbehandlingen – hvem bærer ansvaret?',
      lead: 'Flere myndigheder afprøver værktøjer, der kan sortere sager, skrive udkast til afgørelser og opsummere lange akter. Teknologien kan frigøre tid, men den rejser også grundlæggende spørgsmål om retssikkerhed og faglighed. Svarene må ikke overlades til leverandørerne.',
      body: `Det er ikke længere science fiction, at en sagsbehandler starter dagen med at bede et sprogværktøj om et resumé af en sag på 200 sider. På tværs af stat, regioner og kommuner kører der i dag en lang række forsøg med kunstig intelligens i forvaltningen, og mange af dem giver god mening. Men udviklingen går så hurtigt, at de principielle spørgsmål risikerer at blive stillet for sent.

## Hvad bliver teknologien brugt til?

Groft sagt kan man skelne mellem tre typer af anvendelser:

- **Støtte til overblik**, hvor værktøjet opsummerer dokumenter, finder relevante afgørelser eller foreslår, hvilke oplysninger der mangler.
- **Udkast til tekst**, hvor værktøjet skriver et første bud på et brev, et notat eller en afgørelse, som medarbejderen derefter retter til.
- **Prioritering og sortering**, hvor værktøjet vurderer, hvilke sager der haster, eller hvilken medarbejder en sag skal fordeles til.

De to første kan være en reel hjælp, så længe medarbejderen har tid og kompetencer til at kontrollere resultatet. Den tredje er mere vanskelig, fordi prioriteringen i sig selv kan få betydning for borgerens sag – uden at borgeren nogensinde får det at vide.

## Ansvaret kan ikke lægges ud

Forvaltningsretten er klar: Det er myndigheden, der træffer afgørelsen, og det er myndigheden, der har ansvaret for, at den er korrekt og velbegrundet. Det ændrer sig ikke, fordi en del af arbejdet er udført af en maskine.

Alligevel hører vi fra medlemmer, at de oplever et stille pres for at "stole på systemet". Når et udkast ser færdigt og velformuleret ud, kræver det både faglig selvtillid og tid at gå det kritisk igennem. Hvis sagstallet samtidig stiger, fordi ledelsen har indregnet en effektiviseringsgevinst, står medarbejderen reelt med ansvaret uden mulighed for at løfte det.

Det er *ikke* et argument for at lade være. Det er et argument for, at gevinsterne skal beregnes realistisk, og at kontrollen skal tænkes ind som en del af arbejdet og ikke som en ekstraopgave.

## Fire spørgsmål før man går i gang

Vi mener, at enhver myndighed, der tager kunstig intelligens i brug i sagsbehandlingen, som minimum bør kunne svare på fire spørgsmål:

1. Hvilke konkrete trin i sagsbehandlingen understøtter værktøjet, og hvilke gør det ikke?
2. Hvordan sikrer vi, at borgeren kan få en forståelig forklaring på, hvordan afgørelsen er truffet?
3. Hvem har ansvaret for løbende at teste, om værktøjet laver systematiske fejl?
4. Hvordan er medarbejderne blevet inddraget og klædt på til opgaven?

Spørgsmålene bør besvares, før kontrakten med leverandøren underskrives – ikke bagefter. Vi har lavet en kort tjekliste, som kan hentes på [forbundets side om ny teknologi](https://example.org/digitalisering/tjekliste-ai), og vi hører meget gerne om erfaringer fra jeres arbejdspladser.`,
      authors: [{ person: 'mto' }],
      tags: ['digitalisering', 'retssikkerhed'],
      daysAgo: 9,
      comments: [
        {
          name: 'Anders Mølgaard',
          email: 'anders.molgaard@mail.example',
          body: 'Godt og nuanceret indlæg. Jeg savner dog, at man også taler om, hvad der sker med fagligheden på lang sigt. Hvis nye sagsbehandlere aldrig selv skriver en afgørelse fra bunden, hvordan skal de så lære at vurdere, om maskinens udkast er godt nok?',
          minutesAfter: 60,
          replies: [
            {
              name: 'Mikkel Toft Østergaard',
              email: 'mto@forvaltningsforbundet.example',
              body: 'Det er et rigtig godt spørgsmål, Anders, og det bekymrer også os. Jeg tror, svaret må være, at oplæringen bevidst tilrettelægges, så nye medarbejdere arbejder uden værktøjet i en periode. Det koster tid, men det er en investering i kvaliteten.',
              minutesAfter: 135,
            },
          ],
        },
        {
          name: 'Fatima Yilmaz',
          email: 'fatima.yilmaz@post.example',
          body: 'Som jurist i en kommunal forvaltning kan jeg kun bakke op om spørgsmål nummer to. Begrundelseskravet gælder fuldt ud, og det er ikke nok at skrive, at afgørelsen bygger på en samlet vurdering. Borgeren skal kunne forstå, hvad der er lagt vægt på, og det gælder uanset hvilke værktøjer der er brugt undervejs.',
          minutesAfter: 180,
        },
        {
          name: 'Jesper Lind',
          email: 'jesper.lind@mail.example',
          body: 'Jeg synes, der tegnes et lidt for dystert billede. Hos os har resuméværktøjet sparet medarbejderne for mange timers læsning, og vi kan ikke se, at kvaliteten af afgørelserne er blevet dårligere. Man skal passe på med at gøre enhver ny teknologi til et retssikkerhedsproblem.',
          minutesAfter: 720,
          replies: [
            {
              name: 'Mikkel Toft Østergaard',
              email: 'mto@forvaltningsforbundet.example',
              body: 'Tak for perspektivet, Jesper. Jeg er enig i, at resuméværktøjer kan være en stor hjælp, og det skriver jeg også. Det afgørende er, at man ligesom jer faktisk følger op på kvaliteten. Det gør langt fra alle.',
              minutesAfter: 800,
            },
          ],
        },
        {
          name: 'Camilla Frost',
          email: 'camilla.frost@post.example',
          body: 'Hvordan sikrer man i praksis, at leverandøren giver adgang til at teste for systematiske fejl? Vores erfaring er, at det er meget svært at få indsigt i, hvordan modellerne fungerer, når kontrakten først er skrevet under.',
          minutesAfter: 2000,
        },
      ],
    },

    // ------------------------------------------------------------------
    {
      blog: 'forvaltning',
      title: 'Regelforenkling kræver mere end færre regler',
      lead: 'Der er bred politisk enighed om, at den offentlige sektor er blevet for tungt reguleret. Men erfaringerne viser, at det ikke er nok at fjerne regler. Hvis styringskulturen ikke følger med, vokser dokumentationskravene bare frem igen et andet sted.',
      body: `Der er ikke mange offentligt ansatte, som ikke har oplevet at bruge tid på registreringer, de ikke kunne se meningen med. Derfor er det positivt, at både regering og kommuner har sat regelforenkling højt på dagsordenen. Når lovgivere og topledere siger, at de vil vise medarbejderne mere tillid, er det et signal, vi i Forvaltningsforbundet har ventet på længe.

Men vi har været her før. Siden begyndelsen af 2000'erne har der været flere store programmer for afbureaukratisering, og evalueringerne tegner et ret ensartet billede: Der blev fjernet regler, men den samlede oplevelse af dokumentationsbyrde ændrede sig kun lidt.

## Regler er ikke fjenden

En del af forklaringen er, at regler sjældent er problemet i sig selv. Mange regler beskytter borgernes retssikkerhed, sikrer ligebehandling eller gør det muligt at føre tilsyn. Når de fjernes, opstår behovet for sikkerhed ofte igen – nu i form af interne retningslinjer, lokale skabeloner og ekstra ledelsesinformation.

Derfor taler vi om *styringskultur* og ikke kun om regelsæt. En styringskultur er summen af de forventninger, der er til, hvad man skal kunne dokumentere, og over for hvem. Hvis en leder ved, at hun bliver holdt ansvarlig for hver eneste fejl, vil hun bede om dokumentation, uanset hvad der står i loven.

## Tillid skal kunne mærkes i hverdagen

Tillid er et stort ord, men det bliver først virkeligt, når det kan mærkes i den konkrete opgave. For en sagsbehandler kan det betyde, at hun selv får lov til at vurdere, hvornår en sag er tilstrækkeligt oplyst. For en mellemleder kan det betyde, at der ikke skal afrapporteres på tolv nøgletal hver måned, men på de tre, der faktisk bliver brugt.

Vi hører fra medlemmer, at det ofte er *mellemlaget* – kontorchefer, afdelingsledere og centerchefer – der står i klemme. De skal omsætte politiske hensigter om tillid til praksis, samtidig med at de selv bliver målt på præcis de samme parametre som før.

## Tre forslag til den næste runde

Hvis regelforenklingen denne gang skal gøre en mærkbar forskel, foreslår vi:

- at hver styrelse og forvaltning gennemgår sine interne retningslinjer med samme kritiske blik som lovgivningen,
- at nye afrapporteringskrav får en udløbsdato, så de automatisk bortfalder, medmindre nogen aktivt argumenterer for at beholde dem,
- at medarbejderne inddrages systematisk, fordi de ved bedst, hvilke krav der giver mening.

Det sidste punkt er det vigtigste. Den viden, der skal til for at forenkle arbejdet, findes hos dem, der udfører det. Læs vores samlede høringssvar om regelforenkling på [example.org](https://example.org/hoeringssvar/regelforenkling).`,
      authors: [{ person: 'lkj' }],
      tags: ['styring', 'ledelse'],
      daysAgo: 15,
      comments: [
        {
          name: 'Ole Bang Nissen',
          email: 'ole.nissen@mail.example',
          body: 'Forslaget om udløbsdatoer på afrapporteringskrav er glimrende. Jeg har selv som kontorchef arvet et månedligt regneark, som ingen længere kunne forklare formålet med. Det tog mig et halvt år at få lov til at stoppe det, og ingen har savnet det siden.',
          minutesAfter: 150,
          replies: [
            {
              name: 'Lars Kjærgaard Juhl',
              email: 'lkj@forvaltningsforbundet.example',
              body: 'Tak, Ole. Det er præcis den slags historier, vi gerne vil samle, fordi de gør diskussionen konkret. Hvis du har lyst, må du meget gerne kontakte mig, så vi kan bruge eksemplet anonymt i vores videre arbejde.',
              minutesAfter: 260,
            },
          ],
        },
        {
          name: 'Susanne Holt',
          email: 'susanne.holt@post.example',
          body: 'Jeg savner, at borgernes perspektiv fylder mere. Færre regler kan også betyde mindre forudsigelighed for den enkelte, og det er ikke altid en fordel for dem, der har mindst overskud til at finde rundt i systemet. Tillid til medarbejderne må ikke blive til vilkårlighed for borgerne.',
          minutesAfter: 900,
        },
      ],
    },

    // ------------------------------------------------------------------
    {
      blog: 'arbejdsliv',
      title: 'Ledelse på afstand kræver mere nærvær – ikke mindre',
      lead: 'Når teamet er spredt mellem kontoret, hjemmet og toget, ændrer lederens opgave sig. Den bliver ikke mindre, den bliver en anden. Vi har talt med ledere, der er lykkedes med at skabe fællesskab i et hybridt team.',
      body: `Hybridt arbejde har ændret lederens hverdag mere, end mange havde forventet. Før kunne en leder fornemme stemningen ved at gå en tur gennem kontoret. I dag sidder halvdelen af teamet måske derhjemme, og de små signaler – kollegaen, der virker træt, eller den nyansatte, der ikke rigtig er kommet ind i fællesskabet – er langt lettere at overse.

I løbet af foråret har vi interviewet en række ledere i stat og kommune om, hvordan de har grebet opgaven an. Deres erfaringer peger i samme retning: Ledelse på afstand kræver mere bevidsthed, ikke mere kontrol.

## Nærvær er ikke det samme som tilstedeværelse

Det er fristende at løse usikkerheden ved at indføre flere faste møder, flere statusopdateringer og hyppigere tjek. Men flere af de ledere, vi talte med, havde prøvet netop det – og fortrudt. Medarbejderne oplevede det som mistillid, og kalenderne blev så fyldte, at der ikke var tid til det egentlige arbejde.

Nærvær handler i stedet om kvaliteten af kontakten. En kort, personlig samtale hver anden uge kan betyde mere end et dagligt morgenmøde, hvor alle sidder med slukket kamera.

## Hvad gør de dygtige ledere?

Ud fra interviewene har vi samlet en række greb, som gik igen hos de ledere, hvis teams trivedes bedst:

- De aftaler tydeligt, hvilke dage teamet mødes fysisk, og bruger de dage på samarbejde frem for individuelt skrivearbejde.
- De holder faste en-til-en-samtaler, hvor dagsordenen først og fremmest er medarbejderens.
- De ved, at nye medarbejdere har brug for mere fysisk tilstedeværelse i starten, og sørger for, at erfarne kolleger også er på kontoret de dage.
- De taler åbent om deres egne arbejdsvaner, så medarbejderne ikke skal gætte sig til forventningerne.

Ingen af grebene er revolutionerende. Men det er bemærkelsesværdigt, hvor stor forskel det gør, at de bliver brugt *konsekvent*.

## Et ansvar, der skal deles

Ledelse på afstand er ikke kun lederens opgave. I Nordby Kommune har vi gode erfaringer med at lade hvert team formulere sin egen samarbejdsaftale, som tages op til revision en gang om året. Aftalen beskriver blandt andet, hvordan man giver hinanden besked, hvornår man forventes at svare, og hvordan man sikrer, at alle bliver hørt på møderne – også dem, der deltager via skærmen.

Samtidig skal lederne selv have støtte. Mange mellemledere har fået ansvaret for et hybridt team uden at have fået nye redskaber til det. Her har HR og de faglige organisationer en fælles opgave med at tilbyde sparring og kompetenceudvikling.

Vi har samlet en række spørgsmål, der kan bruges som udgangspunkt for en teamaftale, på [example.org](https://example.org/ledelse/teamaftale).`,
      authors: [{ person: 'sbn' }, { person: 'kbr', note: 'HR-chef i Nordby Kommune' }],
      tags: ['ledelse', 'hjemmearbejde'],
      daysAgo: 24,
    },

    // ------------------------------------------------------------------
    // Contains a mailto link and a plain e-mail address (e-mail protection test).
    // ------------------------------------------------------------------
    {
      blog: 'digitalisering',
      title: 'Digital selvbetjening skal også virke for dem, der har sværest ved den',
      lead: 'Digital selvbetjening har gjort mange henvendelser hurtigere og billigere. Men for en betydelig gruppe borgere er den digitale vej stadig en barriere. Medarbejderne i borgerservice ser problemerne hver dag – og deres viden bør bruges langt mere systematisk.',
      body: `Danmark er et af de mest digitaliserede lande i verden, og for de fleste borgere er det en klar fordel. Man kan søge om ydelser, melde flytning og få svar fra myndighederne uden at skulle tage fri fra arbejde. Det er en succes, som vi med rette kan være stolte af.

Men bag gennemsnitstallene gemmer der sig en gruppe, som ikke bliver mindre. Det drejer sig om ældre med begyndende demens, borgere med kognitive vanskeligheder, personer, der ikke læser dansk sikkert, og mennesker i akutte livskriser, hvor overskuddet til at udfylde en formular simpelthen ikke er der.

## Digitalt først – men ikke digitalt alene

Princippet om *digitalt først* har været drivkraften bag mange års digitalisering. Problemet opstår, når digitalt først i praksis bliver til digitalt alene. Når telefontiderne skæres ned, og borgerservicecentre lukker, er det de mest sårbare borgere, der betaler prisen.

Det handler ikke kun om retfærdighed. Det handler også om økonomi. En fejlbehæftet ansøgning, der skal rettes tre gange, koster mere end en god vejledning første gang.

## Medarbejderne ved, hvor det går galt

Vores medlemmer i borgerservice, ydelseskontorer og jobcentre har en unik viden om, hvor de digitale løsninger fejler. De ved, hvilke felter i en blanket der typisk bliver misforstået, og hvilke breve borgerne ringer om, fordi de ikke forstår dem.

Alligevel bliver den viden sjældent brugt, når løsningerne udvikles eller videreudvikles. Vi foreslår derfor:

- at alle større digitale løsninger testes med rigtige brugere, herunder borgere med særlige behov, før de sættes i drift,
- at frontmedarbejdere får en fast kanal til at melde fejl og uklarheder direkte til dem, der udvikler systemerne,
- at der afsættes tid til at følge op på meldingerne, så medarbejderne kan se, at deres input gør en forskel.

Der findes gode eksempler at lære af. Flere kommuner har oprettet brugerpaneler, hvor borgere og medarbejdere sammen gennemgår nye løsninger, og resultaterne er lovende. Læs mere i [vores notat om inkluderende digitalisering](https://example.org/notater/inkluderende-digitalisering).

## Del dine erfaringer

Vi er i gang med at samle konkrete eksempler på digitale løsninger, der skaber problemer for borgerne – og på løsninger, der virker rigtig godt. Eksemplerne skal bruges i vores dialog med de centrale myndigheder og kommunerne om den næste digitaliseringsstrategi.

Har du et eksempel, så [skriv til redaktionen](mailto:redaktion@forvaltningsforbundet.example) med en kort beskrivelse. Du kan også sende det direkte til vores digitaliseringsteam på digitalisering@forvaltningsforbundet.example. Vi behandler alle henvendelser fortroligt og anonymiserer eksemplerne, før de bliver brugt.`,
      authors: [{ person: 'mto' }],
      tags: ['digitalisering', 'borgerkontakt'],
      daysAgo: 33,
    },

    // ------------------------------------------------------------------
    {
      blog: 'forvaltning',
      title: 'Embedsmandsrollen set med nye øjne',
      lead: 'En ny generation af embedsmænd er på vej ind i ministerier, styrelser og kommuner. De har andre forventninger til arbejdslivet og stiller andre spørgsmål til rollen. Vi har samlet fem af de spørgsmål, vi oftest hører – og forsøgt at svare.',
      body: `Kernen i embedsmandsrollen har været stabil i mange år: Man skal være loyal over for den politiske ledelse, fagligt kompetent og sandfærdig. Men de betingelser, rollen udfoldes under, har ændret sig markant. Medier, sociale platforme, tempoet i den politiske proces og kravet om åbenhed stiller nye krav til den enkelte.

Når vi møder nyansatte på vores introduktionsforløb, er det tydeligt, at de tager rollen meget alvorligt. Men de stiller også spørgsmål, som tidligere generationer måske tog for givet.

## Fem spørgsmål, vi ofte hører

1. Hvor går grænsen mellem at være loyal og at sige fra, når jeg er fagligt uenig?
2. Må jeg deltage i den offentlige debat på sociale medier om emner, jeg selv arbejder med?
3. Hvad gør jeg, hvis jeg bliver bedt om at formulere noget, som jeg mener er misvisende?
4. Hvordan balancerer jeg ønsket om fleksibilitet med, at den politiske ledelse har brug for svar her og nu?
5. Hvem kan jeg tale med, hvis jeg er i tvivl – uden at det skader min karriere?

## Hvad svarer vi?

Det korte svar er, at der findes klare principper, men sjældent færdige svar. Pligten til at sige fra over for noget ulovligt er entydig. Det samme gælder kravet om, at man aldrig må medvirke til at give ministeren, Folketinget eller offentligheden urigtige oplysninger. Faglig uenighed er derimod en naturlig del af jobbet, og den skal udtrykkes – loyalt og internt – før beslutningen træffes.

Når det gælder ytringsfrihed, har offentligt ansatte som udgangspunkt samme ret som alle andre til at deltage i debatten som privatpersoner. Grænsen går ved fortrolige oplysninger og ved udtalelser, der kan forveksles med myndighedens officielle holdning. I praksis er det en god idé at gøre det tydeligt, at man udtaler sig på egne vegne.

Det sidste spørgsmål er måske det vigtigste. Mange unge medarbejdere fortæller, at de ikke ved, hvem de kan gå til. Her spiller *tillidsrepræsentanten* en central rolle, og det samme gør en kultur, hvor det er helt normalt at spørge erfarne kolleger til råds.

## Rollen skal diskuteres – også lokalt

Vi anbefaler, at alle arbejdspladser med jævne mellemrum drøfter embedsmandsrollen – ikke kun når der kommer nye medarbejdere. Det kan ske på et personalemøde, hvor man tager udgangspunkt i en konkret, anonymiseret sag. Erfaringen er, at den slags drøftelser skaber tryghed, fordi de gør det uudtalte synligt.

Forvaltningsforbundet tilbyder oplæg og dialogmøder om emnet. Se mere på [example.org](https://example.org/kurser/embedsmandsrollen).`,
      authors: [
        { person: 'lkj' },
        {
          person: 'ahj',
          note: 'fuldmægtig og tillidsrepræsentant i Styrelsen for Digital Borgerservice',
        },
      ],
      tags: ['embedsmandsrollen', 'ledelse'],
      daysAgo: 47,
    },

    // ------------------------------------------------------------------
    {
      blog: 'arbejdsliv',
      title: 'Stress er et organisatorisk problem – ikke en personlig fejl',
      lead: 'Når en medarbejder går ned med stress, er det ofte den enkelte, der bliver sendt på kursus. Men årsagerne ligger typisk i måden, arbejdet er organiseret på. Skal vi forebygge, må vi se på opgaverne, ressourcerne og ledelsen.',
      body: `Stress er en af de hyppigste årsager til langtidssygemeldinger på offentlige arbejdspladser. Det ved vi både fra undersøgelser og fra de henvendelser, vi får fra medlemmer hver eneste uge. Alligevel bliver stress stadig ofte behandlet som noget, der handler om den enkelte medarbejders robusthed.

## Individuelle løsninger på fælles problemer

Der er intet galt med tilbud om psykologhjælp, mestringskurser eller coaching. For den, der står midt i det, kan det være helt afgørende. Men hvis det er det eneste, arbejdspladsen gør, sender det et uheldigt signal: at problemet ligger hos den, der blev syg.

Når tre medarbejdere i samme afdeling bliver sygemeldt inden for et år, er det ikke tilfældigt. Så er der noget i måden, arbejdet er skruet sammen på, der ikke fungerer.

## Se på arbejdet, ikke kun på medarbejderen

Forskningen i psykisk arbejdsmiljø peger på nogle velkendte risikofaktorer. De vigtigste er:

- *høje krav kombineret med lav indflydelse* på, hvordan opgaverne løses,
- uklare mål og modsatrettede forventninger fra forskellige ledere,
- manglende anerkendelse og social støtte fra kolleger og ledelse,
- følelsesmæssigt belastende arbejde, hvor der ikke er rum til at bearbejde oplevelserne.

Det gode ved listen er, at alle punkterne kan påvirkes. Det kræver ikke nødvendigvis flere penge at give medarbejderne mere indflydelse på planlægningen eller at gøre prioriteringerne tydeligere. Det kræver en ledelse, der er villig til at se kritisk på sine egne beslutninger.

En konkret metode er at gennemgå afdelingens opgaver og spørge: Hvad kan vi lade være med? Mange arbejdspladser har aldrig stillet det spørgsmål, og svaret er ofte overraskende.

## Hvad kan tillidsrepræsentanten gøre?

Tillidsrepræsentanter og arbejdsmiljørepræsentanter har en vigtig rolle i at flytte samtalen fra den enkelte til fællesskabet. Det kan for eksempel ske ved at:

1. bruge arbejdspladsvurderingen aktivt og insistere på, at den fører til konkrete handleplaner,
2. bringe mønstre i sygefraværet op i samarbejdsudvalget – naturligvis uden at udstille enkeltpersoner,
3. støtte kolleger, der vender tilbage efter en sygemelding, så tilbagevenden sker i et realistisk tempo.

Vi tilbyder gratis rådgivning og et kursusforløb for repræsentanter, der vil styrke indsatsen mod stress. Læs mere på [forbundets side om psykisk arbejdsmiljø](https://example.org/arbejdsmiljoe/stress).

Stress kan ikke fjernes helt. Men det kan forebygges langt bedre, end vi gør i dag – hvis vi tør se på, hvordan arbejdet faktisk er organiseret.`,
      authors: [{ person: 'sbn' }],
      tags: ['arbejdsmiljø', 'stress'],
      daysAgo: 63,
    },

    // ------------------------------------------------------------------
    {
      blog: 'digitalisering',
      title: 'Datadeling mellem myndigheder: fra siloer til samarbejde',
      lead: 'Borgerne forventer, at myndighederne taler sammen, så de ikke skal oplyse det samme igen og igen. Men datadeling på tværs af myndigheder er juridisk, teknisk og organisatorisk kompliceret. Det kræver partnerskaber – ikke kun nye systemer.',
      body: `De fleste har prøvet det: Man har givet en oplysning til én myndighed og bliver kort efter bedt om præcis den samme oplysning af en anden. For borgeren virker det meningsløst. For medarbejderne er det en kilde til ekstra arbejde og frustration.

Samtidig er der gode grunde til, at data ikke flyder frit mellem myndigheder. Personoplysninger er beskyttede, og det er en grundlæggende retssikkerhedsgaranti, at staten ikke uden videre kan samkøre oplysninger om borgerne.

## Hvorfor er det så svært?

Udfordringerne kan groft sagt deles i tre:

- **Jura**: Der skal være hjemmel til at dele oplysningerne, og formålet skal være klart afgrænset.
- **Teknik**: Systemerne er bygget på forskellige tidspunkter, af forskellige leverandører og med forskellige begreber.
- **Organisation**: Ingen myndighed har ansvaret for helheden, og gevinsten ved at dele data ligger ofte et andet sted end omkostningen.

Det tredje punkt bliver ofte overset. Hvis det er styrelse A, der skal investere i en ny snitflade, mens det er kommune B, der sparer tid, er der ingen naturlig drivkraft til at få opgaven løst.

## Datadeling er også et samarbejde mellem mennesker

De mest vellykkede eksempler på datadeling, vi kender til, har én ting til fælles: De er startet som et samarbejde mellem fagfolk, der havde et fælles problem. Jurister, it-arkitekter og sagsbehandlere fra de involverede myndigheder har siddet sammen og beskrevet, hvilke oplysninger der reelt er brug for – og hvilke der ikke er.

Det lyder enkelt, men det er en anden tilgang end den, hvor et stort it-projekt defineres centralt og rulles ud bagefter. Når de, der skal bruge data, er med fra start, bliver løsningerne både mere præcise og mere skånsomme over for borgernes privatliv, fordi man kun deler det, der er nødvendigt.

## Vores anbefalinger

Vi mener, at datadeling bør tænkes som et *partnerskab* mellem myndigheder med klare aftaler om ansvar, økonomi og opfølgning. Konkret foreslår vi:

1. at der etableres faste samarbejdsfora for myndigheder, der deler borgere og opgaver,
2. at gevinster og omkostninger gøres op samlet, så ingen myndighed står alene med regningen,
3. at databeskyttelse tænkes ind fra begyndelsen, og at borgerne informeres tydeligt om, hvilke oplysninger der deles.

Vi har beskrevet forslagene mere udførligt i [vores debatoplæg om datadeling](https://example.org/debatoplaeg/datadeling). Kommentarer og erfaringer modtages meget gerne.`,
      authors: [{ person: 'mto' }],
      tags: ['digitalisering', 'partnerskaber', 'datadeling'],
      daysAgo: 88,
    },

    // ------------------------------------------------------------------
    {
      blog: 'forvaltning',
      title: 'Mål- og resultatstyring trænger til et eftersyn',
      lead: 'Mål- og resultatstyring har i årtier været et af de vigtigste redskaber i den offentlige sektor. Men mange ledere og medarbejdere oplever, at målene er blevet flere, mens meningen er blevet mindre. Det er tid til at spørge, hvad vi egentlig bruger målene til.',
      body: `Tanken bag mål- og resultatstyring er god. Hvis man formulerer klare mål og følger op på, om de nås, kan man bruge ressourcerne bedre og holde ledelsen ansvarlig. Det er svært at være uenig i.

Men i praksis har styringen mange steder udviklet sig i en retning, som de færreste havde forestillet sig, da de første resultatkontrakter blev indgået.

## Fra styringsværktøj til ritual

I en del organisationer er resultatkontrakter og målplaner blevet til årlige ritualer. Der bruges mange timer på at formulere mål, som ingen husker et halvt år senere, og på at afrapportere på indikatorer, som ingen bruger til at træffe beslutninger.

Vores medlemmer beskriver et typisk forløb: Om efteråret skal målene formuleres. Om foråret skal der afrapporteres. Og ind imellem skal den daglige drift passes, uden at der er nogen tydelig sammenhæng mellem de to verdener.

## Når målene styrer adfærden forkert

Et endnu større problem opstår, når målene begynder at trække adfærden i en uhensigtsmæssig retning. Kendte eksempler er:

- sagsbehandlingstider, der overholdes ved at afslutte sager for tidligt, så de dukker op igen som nye sager,
- måltal for antal aktiviteter, der belønner mange korte indsatser frem for få gode,
- indikatorer, der er lette at måle, men kun har en løs sammenhæng med kvaliteten for borgeren.

Ingen af eksemplerne skyldes dårlig vilje. De er den naturlige konsekvens af, at mennesker tilpasser sig de mål, de bliver målt på. Det er netop derfor, målene skal vælges med omhu.

## Færre, bedre og mere meningsfulde mål

Vi foreslår ikke, at man afskaffer mål- og resultatstyring. Vi foreslår, at man gør den mere ydmyg. Det betyder blandt andet:

1. at antallet af mål begrænses, så de kan huskes og prioriteres,
2. at målene formuleres i dialog med de medarbejdere, der skal indfri dem,
3. at kvantitative indikatorer suppleres med kvalitative vurderinger – for eksempel faglige drøftelser af udvalgte sager,
4. at styringen selv evalueres jævnligt: Bliver oplysningerne faktisk brugt til noget?

Styring handler i sidste ende om at skabe bedre resultater for borgerne. Hvis styringsredskaberne ikke bidrager til det, skal de ændres. Læs mere i vores [debatoplæg om fremtidens styring](https://example.org/debatoplaeg/fremtidens-styring).`,
      authors: [{ person: 'lkj' }],
      tags: ['styring', 'økonomi'],
      daysAgo: 120,
    },

    // ------------------------------------------------------------------
    // Scheduled: not yet public.
    // ------------------------------------------------------------------
    {
      blog: 'arbejdsliv',
      title: 'Kompetenceudvikling skal kunne lade sig gøre i en travl hverdag',
      lead: 'Næsten alle offentlige arbejdspladser har en politik for kompetenceudvikling. Alligevel oplever mange medarbejdere, at der aldrig er tid til at bruge den. Vi ser på, hvordan læring kan blive en del af arbejdet frem for en pause fra det.',
      body: `Når vi spørger vores medlemmer, hvad der skal til for, at de bliver i deres job, ligger muligheden for faglig udvikling altid højt på listen. Det gælder især de yngre, men også erfarne medarbejdere fortæller, at det at lære noget nyt er en vigtig kilde til arbejdsglæde.

Alligevel er der stor forskel på hensigt og praksis. Mange har haft en udviklingssamtale, hvor et kursus blev aftalt – og så blev det aldrig til noget, fordi opgaverne hobede sig op.

## Kurser er ikke hele svaret

Kurser og efteruddannelse er vigtige, men de har en indbygget svaghed: De foregår væk fra arbejdet. Når man kommer tilbage, venter indbakken, og det, man har lært, når sjældent at blive omsat til ny praksis.

Forskning i voksnes læring peger på, at den største del af vores faglige udvikling sker gennem arbejdet selv – når vi løser nye opgaver, får feedback og reflekterer over, hvad der virkede. Det har store konsekvenser for, hvordan kompetenceudvikling bør tilrettelægges.

## Læring i hverdagen

Der findes en række enkle greb, som kan gøre læring til en naturlig del af arbejdet:

- **Faglig sparring** i faste, korte fora, hvor kolleger drøfter en konkret sag eller et svært spørgsmål.
- **Jobrotation og udlån** mellem afdelinger eller myndigheder, så medarbejdere får nye perspektiver.
- **Mentorordninger**, hvor erfarne og nye medarbejdere lærer af hinanden – i begge retninger.
- **Tid til fordybelse**, for eksempel en halv dag om måneden, hvor man arbejder med et fagligt emne uden møder.

Flere medlemmer fortæller, at de mest lærerige perioder i deres karriere var, da de blev lånt ud til en anden myndighed i nogle måneder. Det er en ordning, der med fordel kunne bruges langt mere, end den gør i dag.

## Ledelsens ansvar

Kompetenceudvikling bliver kun til noget, hvis ledelsen prioriterer den. Det betyder, at der skal afsættes tid og budget, men også at lederen aktivt spørger til, hvad medarbejderen har lært, og hvordan det kan bruges.

Vi anbefaler, at kompetenceudvikling får et fast punkt på dagsordenen i samarbejdsudvalget mindst en gang om året, og at man følger op på, om de aftaler, der blev indgået ved udviklingssamtalerne, faktisk er blevet til noget.

Har du gode eksempler fra din arbejdsplads, vil vi meget gerne høre om dem. Se også vores [guide til udviklingssamtalen](https://example.org/guides/udviklingssamtale).`,
      authors: [{ person: 'sbn' }],
      tags: ['kompetencer', 'ledelse'],
      daysAgo: -3,
    },
  ],
};
