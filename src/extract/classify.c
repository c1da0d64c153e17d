/* classify.c - chrome vocabulary, text statistics and jusText-like block
 * classes, shared by the HTML extractor and text mode.
 *
 * Words are runs of letters/digits after lower-casing (ASCII, Latin-1,
 * Latin Extended-A, Greek, Cyrillic); a CJK character is a word of its own
 * for the chrome matcher. Each word is reduced to a 64-bit hash (runs of
 * ASCII letters eight bytes at a time, see S_run_hash) and looked up in two
 * tables built once (pthread_once): stop words (a language bitmask per
 * word) and chrome phrases (indexed by their first word). */
#include "extract/classify.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

/* ---- characters -------------------------------------------------------- */
enum { C_SPACE = 0, C_PUNCT, C_LETTER, C_DIGIT, C_CJK, C_IGNORE };

/* Decode one code point (tolerant: an invalid byte decodes as U+FFFD). */
static inline uint32_t S_cp(const unsigned char *s, size_t n, size_t *i) {
  unsigned char c = s[*i];
  if (c < 0x80) { (*i)++; return c; }
  size_t k = *i;
  uint32_t cp;
  int need;
  if (c >= 0xC2 && c <= 0xDF) { cp = c & 0x1F; need = 1; }
  else if (c >= 0xE0 && c <= 0xEF) { cp = c & 0x0F; need = 2; }
  else if (c >= 0xF0 && c <= 0xF4) { cp = c & 0x07; need = 3; }
  else { (*i)++; return 0xFFFD; }
  if (k + (size_t)need >= n) { (*i)++; return 0xFFFD; }
  for (int j = 1; j <= need; j++) {
    unsigned char d = s[k + j];
    if ((d & 0xC0) != 0x80) { (*i)++; return 0xFFFD; }
    cp = (cp << 6) | (d & 0x3F);
  }
  *i = k + need + 1;
  return cp;
}

static int S_class_slow(uint32_t c);
/* ASCII classes, filled at init: 0..4 as the enum. */
static unsigned char S_acls[128];
static unsigned char S_aletter[256]; /* 1 for ASCII letters, else 0 */

static inline int S_class(uint32_t c) {
  if (c < 0x80) return S_acls[c];
  return S_class_slow(c);
}

static int S_class_slow(uint32_t c) {
  /* the common non-ASCII characters of Latin text first: quotes, dashes */
  if (c >= 0x2010 && c <= 0x2027) return C_PUNCT;
  if (c >= 0x00C0 && c <= 0x024F) return (c == 0xD7 || c == 0xF7) ? C_PUNCT : C_LETTER;
  if (c >= 0x0400 && c <= 0x04FF) return C_LETTER;
  if (c >= 0x4E00 && c <= 0x9FFF) return C_CJK;
  if (c < 0x80) {
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return C_LETTER;
    if (c >= '0' && c <= '9') return C_DIGIT;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return C_SPACE;
    if (c < 0x20 || c == 0x7F) return C_SPACE;
    return C_PUNCT;
  }
  if (c < 0x100) {
    if (c == 0xA0) return C_SPACE;
    if (c == 0xAA || c == 0xB5 || c == 0xBA) return C_LETTER;
    if (c < 0xC0 || c == 0xD7 || c == 0xF7) return C_PUNCT;
    return C_LETTER;
  }
  if (c >= 0x300 && c <= 0x36F) return C_IGNORE; /* combining marks: stay in the word */
  if (c >= 0x2000 && c <= 0x200A) return C_SPACE;
  if (c >= 0x200B && c <= 0x200D) return C_IGNORE;
  if (c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000) return C_SPACE;
  if (c == 0xFEFF || c == 0x2060 || (c >= 0xFE00 && c <= 0xFE0F)) return C_IGNORE;
  if (c >= 0x2010 && c <= 0x206F) return C_PUNCT;
  if (c >= 0x20A0 && c <= 0x20CF) return C_PUNCT;
  if (c >= 0x2100 && c <= 0x2BFF) return C_PUNCT;
  if (c >= 0x3001 && c <= 0x303F) return C_PUNCT;
  if (c >= 0x3040 && c <= 0x30FF) return (c == 0x30FB) ? C_PUNCT : C_CJK;
  if (c >= 0x3400 && c <= 0x4DBF) return C_CJK;
  if (c >= 0x4E00 && c <= 0x9FFF) return C_CJK;
  if (c >= 0xF900 && c <= 0xFAFF) return C_CJK;
  if (c >= 0xFE30 && c <= 0xFE6F) return C_PUNCT;
  if (c >= 0xFF01 && c <= 0xFF0F) return C_PUNCT;
  if (c >= 0xFF10 && c <= 0xFF19) return C_DIGIT;
  if (c >= 0xFF1A && c <= 0xFF20) return C_PUNCT;
  if (c >= 0xFF3B && c <= 0xFF40) return C_PUNCT;
  if (c >= 0xFF5B && c <= 0xFF65) return C_PUNCT;
  if (c == 0x060C || c == 0x061B || c == 0x061F || (c >= 0x066A && c <= 0x066D) || c == 0x06D4)
    return C_PUNCT;
  if (c >= 0x0660 && c <= 0x0669) return C_DIGIT;
  if (c >= 0x064B && c <= 0x065F) return C_IGNORE; /* Arabic harakat */
  if (c == 0x0640) return C_IGNORE;                  /* tatweel */
  if (c >= 0x1F000 && c <= 0x1FAFF) return C_PUNCT;  /* emoji, symbols */
  if (c == 0xFFFD) return C_PUNCT;
  if (c >= 0x20000 && c <= 0x2FFFF) return C_CJK;
  return C_LETTER;
}

static inline uint32_t S_lower(uint32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c >= 0x100 && c <= 0x17F) {
    if ((c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c | 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c + 1 : c;
    if (c == 0x178) return 0xFF;
    return c;
  }
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

static inline int S_is_upper(uint32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return S_lower(c) != c;
}

static inline int S_is_cased_lower(uint32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z';
  if (c >= 0xDF && c <= 0xFF && c != 0xF7) return 1;
  if (c >= 0x100 && c <= 0x17F) return S_lower(c) == c;
  if (c >= 0x3B1 && c <= 0x3C9) return 1;
  if (c >= 0x430 && c <= 0x45F) return 1;
  return 0;
}

#define FNV_OFF 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL
static inline uint64_t S_mix(uint64_t h, uint32_t c) {
  /* rotate-xor: one cheap step per character; tables spread the keys
   * with a multiply when they index (S_slot) */
  return ((h << 7) | (h >> 57)) ^ c;
}
static inline size_t S_slot(uint64_t h, unsigned bits) {
  return (size_t)((h * 0x9E3779B97F4A7C15ULL) >> (64 - bits));
}

/* A word's hash folds its pieces in order: a maximal run of ASCII letters
 * eight lower-cased letters at a time (zero-padded, S_run_hash), any other
 * letter or digit one code point at a time (S_mix). Both scanners below
 * (S_tokens and S_stats) cut words into the same pieces. */
#define ONES8 0x0101010101010101ULL
#define HIGH8 0x8080808080808080ULL
static inline uint64_t S_fold8(uint64_t h, uint64_t chunk) {
  h = (h ^ chunk) * 0x9E3779B97F4A7C15ULL;
  return h ^ (h >> 29);
}
static uint64_t S_run_hash(uint64_t h, const unsigned char *p, size_t len) {
  while (len) {
    size_t k = len < 8 ? len : 8;
    unsigned char b[8] = {0};
    for (size_t m = 0; m < k; m++) b[m] = (unsigned char)(p[m] | 0x20);
    uint64_t x;
    memcpy(&x, b, 8);
    h = S_fold8(h, x);
    p += k;
    len -= k;
  }
  return h;
}
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define PITH_SWAR_LE 1
/* 0x80 in each byte of x that is an ASCII letter */
static inline uint64_t S_letters8(uint64_t x) {
  uint64_t t7 = (x | 0x20 * ONES8) & 0x7F * ONES8;
  return (t7 + 0x1F * ONES8) & ~(t7 + 0x05 * ONES8) & ~x & HIGH8;
}
#endif

/* ---- word scanner ---------------------------------------------------------- */
typedef struct tok {
  uint64_t h;
  uint32_t off, end;
  uint8_t num;  /* all digits */
} tok;

/* Tokenise up to max tokens into t; returns the number of tokens, or max+1
 * when there are more (t then holds the first max). camel: also split at
 * a lower->upper case change ("SubscribeSign In"). */
static size_t S_tokens(const char *s, size_t n, tok *t, size_t max, int camel) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, nt = 0;
  int in = 0;
  uint64_t h = FNV_OFF;
  int num = 1;
  uint32_t prev = 0;
  size_t start = 0;
#define TOK_EMIT(endpos)                                                       \
  do {                                                                         \
    if (nt < max) {                                                            \
      t[nt].h = h; t[nt].off = (uint32_t)start; t[nt].end = (uint32_t)(endpos); \
      t[nt].num = (uint8_t)num;                                                \
    }                                                                          \
    nt++;                                                                      \
  } while (0)
  while (i < n) {
    size_t at = i;
    uint32_t c = u[i];
    if (c < 0x80 && S_aletter[c]) {
      /* a run of ASCII letters: one piece, cut where a lower-case letter is
       * followed by a capital when camel is set */
      size_t j = i + 1;
      while (j < n && S_aletter[u[j]]) j++;
      if (!in) { in = 1; h = FNV_OFF; start = i; }
      num = 0;
      size_t p0 = i;
      if (camel)
        for (size_t q = i + 1; q < j; q++)
          if (u[q] <= 'Z' && u[q - 1] >= 'a') {
            h = S_run_hash(h, u + p0, q - p0);
            TOK_EMIT(q);
            if (nt > max) return nt;
            h = FNV_OFF; start = q; p0 = q;
          }
      h = S_run_hash(h, u + p0, j - p0);
      prev = u[j - 1];
      i = j;
      continue;
    }
    c = S_cp(u, n, &i);
    int k = S_class(c);
    if (k == C_IGNORE) continue;
    if (k == C_LETTER || k == C_DIGIT) {
      if (in && camel && S_is_upper(c) && S_is_cased_lower(prev)) {
        TOK_EMIT(at);
        if (nt > max) return nt;
        in = 0;
      }
      if (!in) { in = 1; h = FNV_OFF; num = 1; start = at; }
      h = S_mix(h, S_lower(c));
      if (k != C_DIGIT) num = 0;
      prev = c;
      continue;
    }
    if (in) {
      TOK_EMIT(at);
      if (nt > max) return nt;
      in = 0;
    }
    if (k == C_CJK) {
      if (nt < max) {
        t[nt].h = S_mix(FNV_OFF, c);
        t[nt].off = (uint32_t)at;
        t[nt].end = (uint32_t)i;
        t[nt].num = 0;
      }
      nt++;
      if (nt > max) return nt;
    }
    prev = c;
  }
  if (in) TOK_EMIT(n);
  return nt;
#undef TOK_EMIT
}

/* ---- stop words -------------------------------------------------------------- */
static const char *const S_stop_lists[PITH_LANG_COUNT] = {
  [PITH_LANG_EN] =
    "the of and to a in is that for it as was with be by on not he i this are or his from at "
    "which but have an they you were her she there been one all we their has would when who will "
    "more no if out so said what up its about into than them can only other new some could time "
    "these two may then do first any my now such like our over man me even most made after also "
    "did many before must through back years where much your way well down should because each "
    "just those people how too little state good very make world still own see men work long get "
    "here between both life being under never day same another know while last might us great old "
    "year off come since against go came right used take three s t him had does during without "
    "again around however home small found mr thought went say part once general high upon school "
    "every don t does got united left number course war until always away something fact though "
    "water less public put think almost hand enough far took head yet government system better set "
    "told nothing night end why called didn eyes find going look asked later knew point next city "
    "business give group toward young let room president side social given present several order "
    "national possible rather second face per among form important often things looked early white "
    "john become case large need big four within felt along children saw best church ever least "
    "power development light thing seemed family interest want members mind country area others done "
    "turned although open problem real believe an according says percent am isn it's",
  [PITH_LANG_DE] =
    "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an "
    "werden aus er hat dass daß sie nach wird bei einer um am sind noch wie einem über einen so zum "
    "war haben nur oder aber vor zur bis mehr durch man sein wurde sei hatte kann gegen vom können "
    "schon wenn habe seine ihre dann unter wir soll ich eines jahr zwei jahren diese dieser wieder "
    "keine seiner worden will zwischen immer was sagte gibt alle diesem seit muss doch jetzt waren "
    "denn ihr uns ihrer dieses ab damit da sehr ihn wo nun bereits sondern seinen hier sowie ob "
    "allerdings weil also ohne kein mich mir bin dies wurden unsere würde dort etwa",
  [PITH_LANG_FR] =
    "de la le et les des en un du une que est pour qui dans a par plus pas au sur ne se ce il sont "
    "avec ou son sa aux mais été ont cette comme elle ses on été leur nous y fait être aussi bien "
    "l d qu c s n j m été deux tout tous ces entre après sans peut dont même sous était avait très "
    "ans encore lui ils si leurs non alors depuis autres avoir fois elles contre selon où donc ainsi "
    "faire avant cela notre nos vous je me moi toute toutes quand déjà chez lors dont sera fut",
  [PITH_LANG_ES] =
    "de la que el en y a los del se las por un para con no una su al es lo como más o pero sus le "
    "ha me si sin sobre este ya entre cuando todo esta ser son dos también fue había era muy años "
    "hasta desde está mi porque qué sólo solo han yo hay vez puede todos así nos ni parte tiene él "
    "uno donde bien tiempo mismo ese ahora cada e vida otro después te otros aunque esa eso hace "
    "otra gobierno tan durante siempre día tanto ella tres sí dijo sido gran país según menos año "
    "antes estado contra sino forma caso nada hacer general estaba poco estos presidente mayor ante "
    "unos les algo hacia casa ellos ayer hecho primera mucho mientras además quien momento millones "
    "esto españa hombre están pues hoy lugar madrid nacional trabajo otras mejor nuevo decir algunos "
    "entonces todas días debe política cómo casi toda tal luego pasado medio estas sea tenía nunca "
    "poder aquí ver veces embargo partido personas grupo cuenta pueden tienen misma nueva cual fueron",
  [PITH_LANG_IT] =
    "di e il la che in a per un del è non una da le i con si al dei della gli sono come anche ha "
    "più nel ma delle alla lo ci se o questo alle ed quando dal nella sul suo sua loro era essere "
    "tra fra hanno stato dell all nell sull degli dalla anni stata cui due dopo ancora fatto molto "
    "tutti tutto poi già solo quello questa sempre cosa senza perché mi ne io noi voi lei lui ogni "
    "così dove quella quali quale oltre aveva fare può negli nei sulla sui uno ad l d c un' po",
  [PITH_LANG_PT] =
    "de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele "
    "das tem à seu sua ou ser quando muito há nos já está eu também só pelo pela até isso ela entre "
    "era depois sem mesmo aos ter seus quem nas me esse eles estão você tinha foram essa num nem "
    "suas meu às minha têm numa pelos elas havia seja qual será nós tenho lhe deles essas esses "
    "pelas este fosse dele tu te vocês vos lhes meus minhas teu tua teus tuas nosso nossa nossos "
    "nossas dela delas esta estes estas aquele aquela aqueles aquelas isto aquilo estava anos ainda "
    "segundo sobre disse diz pode ano porque",
  [PITH_LANG_NL] =
    "de en van het een in is dat op te zijn met voor niet die aan er om ook als bij maar dan of "
    "door nog naar uit wordt zo over worden werd tot heeft hebben wel zijn kan deze al was ze hij "
    "je geen meer wat we moet had nu jaar omdat onder hun u tegen toen zou sinds mijn hem veel "
    "zich ik na daar al alle wij waren haar hier kunnen volgens twee jaar andere zal dit doen",
  [PITH_LANG_RU] =
    "и в не на что с по как это он а к из у за от то для о же бы так но все она вы его мы было "
    "был была были до уже или ее её только ли мне если они при чем нет быть когда даже вот сказал "
    "также ни тоже их этого этой этот эти еще ещё может есть ему может года год лет после через "
    "под него того над между себя свои своих более где очень чтобы тем том там кто нас который "
    "которые которая которых будет были раз сейчас без со об во ко про",
  [PITH_LANG_AR] =
    "في من على إلى أن عن مع هذا هذه التي الذي ما لا هو كان قد و أو ثم بين كل وقال قال ان الى "
    "عند بعد حتى لم لن إن أي التى كما منذ وفي ومن وهو وهي هي ذلك تلك عليه فيها فيه به بها له لها "
    "كانت يكون أكثر حيث غير خلال ضد أيضا ايضا بأن وأن لدى نحو لقد إذا اذا الذين وقد فقد وكان",
  [PITH_LANG_ID] = /* Indonesian (and much of Malay) */
    "yang dan di ke dari ini itu dengan untuk pada tidak dalam akan adalah juga atau ada oleh "
    "karena saya kita kami mereka dia ia anda kamu aku sudah telah bisa dapat harus lebih sangat "
    "hanya saja jika kalau namun tetapi tapi bahwa seperti agar supaya sehingga ketika saat setelah "
    "sebelum sejak hingga sampai antara tentang para sebagai secara masih belum pernah sedang bagi "
    "kepada daripada pun lagi mau ingin baru banyak semua setiap beberapa sebuah seorang satu apa "
    "siapa mana bagaimana mengapa kenapa begitu demikian tersebut lain hal tak bukan maka jadi "
    "yaitu yakni serta maupun bila apabila nya ya kan lah punya buat atas bawah sendiri lalu "
    "kemudian selain tanpa melalui menjadi merupakan masing ialah pula sama terhadap sesuatu segala",
  [PITH_LANG_PL] =
    "i w na z że do się nie to jest o jak a po co ale tak od za jego już przez dla czy tylko może "
    "są które który która jej go mu im ich jako także oraz lub gdy kiedy tym tego tej te ten ta był "
    "była było były będzie bardzo jeszcze przed pod nad między bez przy we ze aby żeby więc jednak "
    "też gdzie tu tam nawet sobie mi nas nam został została zostały według wszystko każdy których "
    "jeśli jak jednak tych temu tę",
  [PITH_LANG_CS] =
    "a v se na je že s z do o to i k ve jako pro by ale za jsou tak jeho podle byl byla bylo by "
    "už jak po který která které bylo být také jen nebo jejich ze při od ani když mezi jsem má "
    "jsme své jí však tím této tento tato toto co kde než pouze před bez aby kteří již až nebo "
    "jak jsme bude budou mají může",
  [PITH_LANG_TR] =
    "ve bir bu da de için ile çok ne daha gibi olan olarak o en ama kadar sonra her şey ya mi mı "
    "ki ise değil var yok göre ancak veya hem şu ben biz siz onlar onun bunu buna bunun kendi "
    "diye olduğu olduğunu oldu olur ayrıca tüm bütün yine bile çünkü nasıl neden hangi şimdi "
    "artık sadece hiç ilk iki büyük yeni önce başka",
  [PITH_LANG_SV] =
    "och i att det som en på är av för med till den har de inte om ett han men var jag sig från "
    "vi så kan man när år säger hon under också efter eller nu sin där vid mot ska skulle kommer "
    "ut får finns vara hade alla andra mycket än här då sedan över bara in blir upp även vad två "
    "vill ha många hur mer sina dem detta denna dessa hans hennes deras",
  [PITH_LANG_VI] =
    "và của là có được trong cho không những một các người này đã với để đến từ khi thì cũng về "
    "như tại theo sẽ ra nhiều đó nhưng phải lại mà nên vào hơn rất còn nếu sau bị hay trên đang do "
    "chỉ vì làm năm nói đi tôi chúng họ anh ông bà",
};

#define STOP_SLOTS 8192 /* a quarter full */
#define STOP_BITS 13
_Static_assert((1u << STOP_BITS) == STOP_SLOTS, "STOP_BITS");
_Static_assert(PITH_LANG_COUNT <= 32, "a stop word's languages are a 32-bit mask");
/* open addressing, masks and keys apart: a miss usually ends at an empty
 * mask in the small array without touching the keys */
static uint32_t S_stop_mask[STOP_SLOTS]; /* bit l: a stop word of language l */
static uint64_t S_stop_key[STOP_SLOTS];

/* CJK function characters (zh) - sorted by code point at init. */
static const char S_zh_func[] =
  "的了是在和有不这也就都而及与着或一个们我他她它你对为以于上中到说要会可能被把从所得地之其将已"
  "但还并等此那又很没让给向由因如自這們個對為說會從將還與沒讓給來来";
static uint32_t S_zh_cp[160];
static size_t S_zh_n;

/* ---- chrome phrases ---------------------------------------------------------- */
enum { A_ANY = 0, A_START = 1, A_END = 2, A_WHOLE = 3 };
typedef struct phrase {
  const char *p;
  unsigned char kind, anchor, maxw;
} phrase;

#define K(x) PITH_CHROME_##x
static const phrase S_phrases[] = {
  /* skip links */
  {"skip to content", K(SKIP_LINK), A_ANY, 8}, {"skip to main content", K(SKIP_LINK), A_ANY, 10},
  {"skip to navigation", K(SKIP_LINK), A_ANY, 8}, {"skip navigation", K(SKIP_LINK), A_ANY, 8},
  {"skip to main", K(SKIP_LINK), A_ANY, 8}, {"skip to footer", K(SKIP_LINK), A_ANY, 8},
  {"skip to search", K(SKIP_LINK), A_ANY, 8}, {"skip to the content", K(SKIP_LINK), A_ANY, 8},
  {"skip to primary content", K(SKIP_LINK), A_ANY, 8}, {"skip to article", K(SKIP_LINK), A_ANY, 8},
  {"skip to menu", K(SKIP_LINK), A_ANY, 8}, {"skip to site navigation", K(SKIP_LINK), A_ANY, 8},
  {"jump to main content", K(SKIP_LINK), A_ANY, 8}, {"jump to content", K(SKIP_LINK), A_ANY, 8},
  {"jump to navigation", K(SKIP_LINK), A_ANY, 8}, {"skip links", K(SKIP_LINK), A_ANY, 4},
  {"zum inhalt springen", K(SKIP_LINK), A_ANY, 8}, {"zum hauptinhalt springen", K(SKIP_LINK), A_ANY, 8},
  {"direkt zum inhalt", K(SKIP_LINK), A_ANY, 8}, {"zur navigation springen", K(SKIP_LINK), A_ANY, 8},
  {"zum inhalt", K(SKIP_LINK), A_WHOLE, 3}, {"aller au contenu", K(SKIP_LINK), A_ANY, 8},
  {"passer au contenu", K(SKIP_LINK), A_ANY, 8}, {"aller au menu", K(SKIP_LINK), A_ANY, 6},
  {"saltar al contenido", K(SKIP_LINK), A_ANY, 8}, {"ir al contenido", K(SKIP_LINK), A_ANY, 8},
  {"passa al contenuto", K(SKIP_LINK), A_ANY, 8}, {"vai al contenuto", K(SKIP_LINK), A_ANY, 8},
  {"salta al contenuto", K(SKIP_LINK), A_ANY, 8}, {"ir para o conteúdo", K(SKIP_LINK), A_ANY, 8},
  {"pular para o conteúdo", K(SKIP_LINK), A_ANY, 8}, {"saltar para o conteúdo", K(SKIP_LINK), A_ANY, 8},
  {"naar de inhoud", K(SKIP_LINK), A_ANY, 8}, {"naar inhoud springen", K(SKIP_LINK), A_ANY, 8},
  {"ga naar de inhoud", K(SKIP_LINK), A_ANY, 8}, {"direct naar de inhoud", K(SKIP_LINK), A_ANY, 8},
  {"перейти к содержанию", K(SKIP_LINK), A_ANY, 8}, {"перейти к основному содержанию", K(SKIP_LINK), A_ANY, 8},
  {"跳到主要内容", K(SKIP_LINK), A_ANY, 10}, {"跳至主要内容", K(SKIP_LINK), A_ANY, 10},
  {"跳到内容", K(SKIP_LINK), A_ANY, 8}, {"跳转到主要内容", K(SKIP_LINK), A_ANY, 10},
  {"跳至內容", K(SKIP_LINK), A_ANY, 8}, {"メインコンテンツへスキップ", K(SKIP_LINK), A_ANY, 16},
  {"本文へスキップ", K(SKIP_LINK), A_ANY, 10}, {"コンテンツへスキップ", K(SKIP_LINK), A_ANY, 14},
  {"تخطى إلى المحتوى", K(SKIP_LINK), A_ANY, 8}, {"انتقل إلى المحتوى", K(SKIP_LINK), A_ANY, 8},
  {"تجاوز إلى المحتوى", K(SKIP_LINK), A_ANY, 8}, {"الانتقال إلى المحتوى", K(SKIP_LINK), A_ANY, 8},

  /* share */
  {"bagikan", K(SHARE), A_WHOLE, 1}, {"bagikan ini", K(SHARE), A_ANY, 6},
  {"udostępnij", K(SHARE), A_WHOLE, 1}, {"paylaş", K(SHARE), A_WHOLE, 1}, {"dela", K(SHARE), A_WHOLE, 1},
  {"sdílet", K(SHARE), A_WHOLE, 1}, {"chia sẻ", K(SHARE), A_WHOLE, 2},
  {"share", K(SHARE), A_WHOLE, 1}, {"shares", K(SHARE), A_WHOLE, 2}, {"share this", K(SHARE), A_ANY, 8},
  {"share on", K(SHARE), A_ANY, 8}, {"share via", K(SHARE), A_ANY, 8}, {"share article", K(SHARE), A_ANY, 8},
  {"share story", K(SHARE), A_ANY, 8}, {"share to", K(SHARE), A_START, 6}, {"share with", K(SHARE), A_START, 6},
  {"share the story", K(SHARE), A_ANY, 8}, {"share page", K(SHARE), A_ANY, 6},
  {"share full article", K(SHARE), A_ANY, 8}, {"click to share", K(SHARE), A_ANY, 10},
  {"share this article", K(SHARE), A_ANY, 12}, {"share this story", K(SHARE), A_ANY, 12},
  {"tweet", K(SHARE), A_WHOLE, 1}, {"tweet this", K(SHARE), A_ANY, 6}, {"email", K(SHARE), A_WHOLE, 1},
  {"e mail", K(SHARE), A_WHOLE, 2}, {"print", K(SHARE), A_WHOLE, 1}, {"facebook", K(SHARE), A_WHOLE, 1},
  {"twitter", K(SHARE), A_WHOLE, 1}, {"linkedin", K(SHARE), A_WHOLE, 1}, {"whatsapp", K(SHARE), A_WHOLE, 1},
  {"pinterest", K(SHARE), A_WHOLE, 1}, {"reddit", K(SHARE), A_WHOLE, 1}, {"copy link", K(SHARE), A_ANY, 4},
  {"copy url", K(SHARE), A_ANY, 4}, {"link copied", K(SHARE), A_ANY, 4}, {"messenger", K(SHARE), A_WHOLE, 1},
  {"telegram", K(SHARE), A_WHOLE, 1}, {"flipboard", K(SHARE), A_WHOLE, 1}, {"sms", K(SHARE), A_WHOLE, 1},
  {"mail", K(SHARE), A_WHOLE, 1}, {"instagram", K(SHARE), A_WHOLE, 1}, {"youtube", K(SHARE), A_WHOLE, 1},
  {"tumblr", K(SHARE), A_WHOLE, 1}, {"xing", K(SHARE), A_WHOLE, 1}, {"vk", K(SHARE), A_WHOLE, 1},
  {"weibo", K(SHARE), A_WHOLE, 1}, {"wechat", K(SHARE), A_WHOLE, 1}, {"line", K(SHARE), A_WHOLE, 1},
  {"email this", K(SHARE), A_ANY, 6}, {"email a friend", K(SHARE), A_ANY, 8},
  {"send this to a friend", K(SHARE), A_ANY, 10}, {"print this", K(SHARE), A_ANY, 6},
  {"print article", K(SHARE), A_ANY, 6}, {"print recipe", K(SHARE), A_ANY, 4},
  {"pin", K(SHARE), A_WHOLE, 1}, {"pin it", K(SHARE), A_WHOLE, 2}, {"yummly", K(SHARE), A_WHOLE, 1},
  {"# shares", K(SHARE), A_WHOLE, 2}, {"print page", K(SHARE), A_ANY, 4}, {"gift article", K(SHARE), A_ANY, 6},
  {"teilen", K(SHARE), A_WHOLE, 1}, {"drucken", K(SHARE), A_WHOLE, 1}, {"artikel teilen", K(SHARE), A_ANY, 6},
  {"auf facebook teilen", K(SHARE), A_ANY, 8}, {"per e mail teilen", K(SHARE), A_ANY, 8},
  {"partager", K(SHARE), A_WHOLE, 1}, {"imprimer", K(SHARE), A_WHOLE, 1}, {"partager sur", K(SHARE), A_ANY, 8},
  {"partager cet article", K(SHARE), A_ANY, 8}, {"compartir", K(SHARE), A_WHOLE, 1},
  {"imprimir", K(SHARE), A_WHOLE, 1}, {"compartir en", K(SHARE), A_ANY, 6}, {"condividi", K(SHARE), A_WHOLE, 1},
  {"stampa", K(SHARE), A_WHOLE, 1}, {"condividi su", K(SHARE), A_ANY, 6}, {"compartilhar", K(SHARE), A_WHOLE, 1},
  {"compartilhe", K(SHARE), A_START, 6}, {"compartilhar no", K(SHARE), A_ANY, 6}, {"delen", K(SHARE), A_WHOLE, 1},
  {"delen op", K(SHARE), A_ANY, 6}, {"deel dit artikel", K(SHARE), A_ANY, 8}, {"поделиться", K(SHARE), A_WHOLE, 2},
  {"поделиться в", K(SHARE), A_ANY, 6}, {"分享", K(SHARE), A_WHOLE, 2}, {"分享到", K(SHARE), A_ANY, 8},
  {"分享至", K(SHARE), A_ANY, 8}, {"シェア", K(SHARE), A_WHOLE, 3}, {"シェアする", K(SHARE), A_ANY, 8},
  {"مشاركة", K(SHARE), A_WHOLE, 1}, {"شارك", K(SHARE), A_WHOLE, 1}, {"شارك على", K(SHARE), A_ANY, 6},

  /* follow */
  {"follow us", K(FOLLOW), A_ANY, 14}, {"follow me", K(FOLLOW), A_ANY, 10}, {"follow this topic", K(FOLLOW), A_ANY, 10},
  {"follow this author", K(FOLLOW), A_ANY, 10}, {"follow topic", K(FOLLOW), A_ANY, 6},
  {"follow author", K(FOLLOW), A_ANY, 6}, {"follow", K(FOLLOW), A_WHOLE, 1}, {"follow", K(FOLLOW), A_START, 5},
  {"following", K(FOLLOW), A_WHOLE, 1}, {"followers", K(FOLLOW), A_END, 3},
  {"follow on twitter", K(FOLLOW), A_ANY, 10}, {"on twitter", K(FOLLOW), A_END, 8},
  {"on facebook", K(FOLLOW), A_END, 8}, {"on instagram", K(FOLLOW), A_END, 8},
  {"like us on facebook", K(FOLLOW), A_ANY, 12}, {"find us on", K(FOLLOW), A_ANY, 10},
  {"connect with us", K(FOLLOW), A_ANY, 10}, {"stay connected", K(FOLLOW), A_ANY, 6},
  {"folgen sie uns", K(FOLLOW), A_ANY, 12}, {"folge uns", K(FOLLOW), A_ANY, 10}, {"folgen", K(FOLLOW), A_WHOLE, 1},
  {"suivez nous", K(FOLLOW), A_ANY, 12}, {"suivre", K(FOLLOW), A_WHOLE, 1}, {"síguenos", K(FOLLOW), A_ANY, 12},
  {"seguir", K(FOLLOW), A_WHOLE, 1}, {"seguici", K(FOLLOW), A_ANY, 12}, {"segui", K(FOLLOW), A_WHOLE, 1},
  {"siga nos", K(FOLLOW), A_ANY, 12}, {"siga o", K(FOLLOW), A_START, 8}, {"volg ons", K(FOLLOW), A_ANY, 12},
  {"volgen", K(FOLLOW), A_WHOLE, 1}, {"подписывайтесь на нас", K(FOLLOW), A_ANY, 12},
  {"мы в соцсетях", K(FOLLOW), A_ANY, 8}, {"关注我们", K(FOLLOW), A_ANY, 12}, {"关注", K(FOLLOW), A_WHOLE, 2},
  {"フォロー", K(FOLLOW), A_ANY, 8}, {"تابعنا", K(FOLLOW), A_ANY, 10}, {"تابعونا", K(FOLLOW), A_ANY, 10},

  /* subscribe */
  {"notify me of new posts", K(SUBSCRIBE), A_ANY, 16},
  {"subscribe", K(SUBSCRIBE), A_ANY, 8}, {"subscribe to our", K(SUBSCRIBE), A_ANY, 24},
  {"subscribe now", K(SUBSCRIBE), A_ANY, 16}, {"subscribe today", K(SUBSCRIBE), A_ANY, 16},
  {"sign up", K(SUBSCRIBE), A_ANY, 10}, {"sign up for", K(SUBSCRIBE), A_START, 30},
  {"sign up for our", K(SUBSCRIBE), A_ANY, 30}, {"sign up to", K(SUBSCRIBE), A_START, 30},
  {"newsletter", K(SUBSCRIBE), A_ANY, 5}, {"newsletters", K(SUBSCRIBE), A_ANY, 5},
  {"our newsletter", K(SUBSCRIBE), A_ANY, 24}, {"the newsletter", K(SUBSCRIBE), A_START, 12},
  {"email newsletter", K(SUBSCRIBE), A_ANY, 20}, {"daily newsletter", K(SUBSCRIBE), A_ANY, 20},
  {"join our mailing list", K(SUBSCRIBE), A_ANY, 24}, {"mailing list", K(SUBSCRIBE), A_ANY, 8},
  {"enter your email", K(SUBSCRIBE), A_ANY, 24}, {"your email address", K(SUBSCRIBE), A_ANY, 16},
  {"email address", K(SUBSCRIBE), A_WHOLE, 2}, {"unsubscribe", K(SUBSCRIBE), A_ANY, 30},
  {"to your inbox", K(SUBSCRIBE), A_ANY, 30}, {"in your inbox", K(SUBSCRIBE), A_ANY, 30},
  {"straight to your inbox", K(SUBSCRIBE), A_ANY, 40}, {"unlimited access", K(SUBSCRIBE), A_ANY, 24},
  {"already a subscriber", K(SUBSCRIBE), A_ANY, 20}, {"subscriber only", K(SUBSCRIBE), A_ANY, 8},
  {"subscribers only", K(SUBSCRIBE), A_ANY, 8}, {"for subscribers", K(SUBSCRIBE), A_ANY, 12},
  {"become a member", K(SUBSCRIBE), A_ANY, 16}, {"support our journalism", K(SUBSCRIBE), A_ANY, 30},
  {"support independent journalism", K(SUBSCRIBE), A_ANY, 30}, {"donate", K(SUBSCRIBE), A_WHOLE, 2},
  {"donate now", K(SUBSCRIBE), A_ANY, 6}, {"free trial", K(SUBSCRIBE), A_ANY, 12},
  {"get the latest", K(SUBSCRIBE), A_START, 20}, {"you are now subscribed", K(SUBSCRIBE), A_ANY, 20},
  {"thanks for subscribing", K(SUBSCRIBE), A_ANY, 20}, {"thank you for subscribing", K(SUBSCRIBE), A_ANY, 20},
  {"abonnieren", K(SUBSCRIBE), A_ANY, 8}, {"jetzt abonnieren", K(SUBSCRIBE), A_ANY, 12},
  {"newsletter abonnieren", K(SUBSCRIBE), A_ANY, 16}, {"abonnez vous", K(SUBSCRIBE), A_ANY, 16},
  {"s abonner", K(SUBSCRIBE), A_ANY, 10}, {"abonnement", K(SUBSCRIBE), A_WHOLE, 2},
  {"inscrivez vous", K(SUBSCRIBE), A_ANY, 16}, {"suscríbete", K(SUBSCRIBE), A_ANY, 16},
  {"suscribirse", K(SUBSCRIBE), A_ANY, 8}, {"suscríbase", K(SUBSCRIBE), A_ANY, 16},
  {"boletín", K(SUBSCRIBE), A_ANY, 6}, {"iscriviti", K(SUBSCRIBE), A_ANY, 16},
  {"abbonati", K(SUBSCRIBE), A_ANY, 10}, {"assine", K(SUBSCRIBE), A_ANY, 10},
  {"assinar", K(SUBSCRIBE), A_WHOLE, 2}, {"inscreva se", K(SUBSCRIBE), A_ANY, 16},
  {"abonneren", K(SUBSCRIBE), A_ANY, 10}, {"abonneer", K(SUBSCRIBE), A_ANY, 10},
  {"schrijf je in", K(SUBSCRIBE), A_ANY, 16}, {"подписаться", K(SUBSCRIBE), A_ANY, 10},
  {"подпишитесь", K(SUBSCRIBE), A_ANY, 16}, {"订阅", K(SUBSCRIBE), A_ANY, 10}, {"訂閱", K(SUBSCRIBE), A_ANY, 10},
  {"购读", K(SUBSCRIBE), A_ANY, 10}, {"購読", K(SUBSCRIBE), A_ANY, 12}, {"اشترك", K(SUBSCRIBE), A_ANY, 10},
  {"اشترك الآن", K(SUBSCRIBE), A_ANY, 12}, {"النشرة البريدية", K(SUBSCRIBE), A_ANY, 16},

  /* comment prompts */
  {"comments", K(COMMENT_PROMPT), A_WHOLE, 1}, {"comment", K(COMMENT_PROMPT), A_WHOLE, 1},
  {"# comments", K(COMMENT_PROMPT), A_START, 4}, {"# comment", K(COMMENT_PROMPT), A_START, 4},
  {"comments #", K(COMMENT_PROMPT), A_WHOLE, 2}, {"leave a comment", K(COMMENT_PROMPT), A_ANY, 14},
  {"leave a reply", K(COMMENT_PROMPT), A_ANY, 14}, {"post a comment", K(COMMENT_PROMPT), A_ANY, 16},
  {"add a comment", K(COMMENT_PROMPT), A_ANY, 14}, {"add comment", K(COMMENT_PROMPT), A_ANY, 8},
  {"write a comment", K(COMMENT_PROMPT), A_ANY, 14}, {"show comments", K(COMMENT_PROMPT), A_ANY, 8},
  {"view comments", K(COMMENT_PROMPT), A_ANY, 8}, {"load comments", K(COMMENT_PROMPT), A_ANY, 8},
  {"hide comments", K(COMMENT_PROMPT), A_ANY, 8}, {"see comments", K(COMMENT_PROMPT), A_ANY, 8},
  {"comments are closed", K(COMMENT_PROMPT), A_ANY, 16}, {"comments closed", K(COMMENT_PROMPT), A_ANY, 8},
  {"join the conversation", K(COMMENT_PROMPT), A_ANY, 14}, {"join the discussion", K(COMMENT_PROMPT), A_ANY, 14},
  {"join the debate", K(COMMENT_PROMPT), A_ANY, 14}, {"part of the conversation", K(COMMENT_PROMPT), A_ANY, 12},
  {"start the conversation", K(COMMENT_PROMPT), A_ANY, 12}, {"share your thoughts", K(COMMENT_PROMPT), A_ANY, 16},
  {"have your say", K(COMMENT_PROMPT), A_ANY, 12}, {"what do you think", K(COMMENT_PROMPT), A_START, 8},
  {"to comment", K(COMMENT_PROMPT), A_END, 12}, {"to post a comment", K(COMMENT_PROMPT), A_ANY, 20},
  {"be the first to comment", K(COMMENT_PROMPT), A_ANY, 14}, {"no comments yet", K(COMMENT_PROMPT), A_ANY, 10},
  {"reader comments", K(COMMENT_PROMPT), A_ANY, 8}, {"comments powered by", K(COMMENT_PROMPT), A_ANY, 10},
  {"conversation", K(COMMENT_PROMPT), A_WHOLE, 1}, {"discussion", K(COMMENT_PROMPT), A_WHOLE, 1},
  {"kommentare", K(COMMENT_PROMPT), A_ANY, 4}, {"kommentar schreiben", K(COMMENT_PROMPT), A_ANY, 10},
  {"kommentieren", K(COMMENT_PROMPT), A_ANY, 6}, {"diskutieren sie mit", K(COMMENT_PROMPT), A_ANY, 12},
  {"commentaires", K(COMMENT_PROMPT), A_ANY, 4}, {"laisser un commentaire", K(COMMENT_PROMPT), A_ANY, 12},
  {"ajouter un commentaire", K(COMMENT_PROMPT), A_ANY, 12}, {"réagir", K(COMMENT_PROMPT), A_WHOLE, 2},
  {"comentarios", K(COMMENT_PROMPT), A_ANY, 4}, {"deja un comentario", K(COMMENT_PROMPT), A_ANY, 12},
  {"dejar un comentario", K(COMMENT_PROMPT), A_ANY, 12}, {"añadir comentario", K(COMMENT_PROMPT), A_ANY, 10},
  {"commenti", K(COMMENT_PROMPT), A_ANY, 4}, {"lascia un commento", K(COMMENT_PROMPT), A_ANY, 12},
  {"commenta", K(COMMENT_PROMPT), A_WHOLE, 2}, {"comentários", K(COMMENT_PROMPT), A_ANY, 4},
  {"deixe um comentário", K(COMMENT_PROMPT), A_ANY, 12}, {"deixe seu comentário", K(COMMENT_PROMPT), A_ANY, 12},
  {"reacties", K(COMMENT_PROMPT), A_ANY, 4}, {"reageer", K(COMMENT_PROMPT), A_ANY, 6},
  {"plaats een reactie", K(COMMENT_PROMPT), A_ANY, 12}, {"комментарии", K(COMMENT_PROMPT), A_ANY, 4},
  {"оставить комментарий", K(COMMENT_PROMPT), A_ANY, 12}, {"添加评论", K(COMMENT_PROMPT), A_ANY, 12},
  {"评论", K(COMMENT_PROMPT), A_WHOLE, 4}, {"发表评论", K(COMMENT_PROMPT), A_ANY, 12},
  {"コメント", K(COMMENT_PROMPT), A_ANY, 8}, {"التعليقات", K(COMMENT_PROMPT), A_ANY, 4},
  {"أضف تعليق", K(COMMENT_PROMPT), A_ANY, 10}, {"اترك تعليقا", K(COMMENT_PROMPT), A_ANY, 10},
  /* blog comment forms (WordPress and the like), Indonesian */
  {"post your comment", K(COMMENT_PROMPT), A_ANY, 16}, {"commenting using your", K(COMMENT_PROMPT), A_ANY, 16},
  {"notify me of new comments", K(COMMENT_PROMPT), A_ANY, 16},
  {"tinggalkan balasan", K(COMMENT_PROMPT), A_ANY, 12}, {"tinggalkan komentar", K(COMMENT_PROMPT), A_ANY, 12},
  {"komentar", K(COMMENT_PROMPT), A_WHOLE, 2},

  /* community guidelines */
  {"community guidelines", K(GUIDELINES), A_ANY, 40}, {"community standards", K(GUIDELINES), A_ANY, 40},
  {"comment policy", K(GUIDELINES), A_ANY, 40}, {"commenting policy", K(GUIDELINES), A_ANY, 40},
  {"comments policy", K(GUIDELINES), A_ANY, 40}, {"house rules", K(GUIDELINES), A_ANY, 20},
  {"keep your comments", K(GUIDELINES), A_ANY, 40}, {"keep it civil", K(GUIDELINES), A_ANY, 40},
  {"civil and constructive", K(GUIDELINES), A_ANY, 40}, {"constructive conversation", K(GUIDELINES), A_ANY, 40},
  {"constructive discussion", K(GUIDELINES), A_ANY, 40}, {"civil conversation", K(GUIDELINES), A_ANY, 40},
  {"civil discourse", K(GUIDELINES), A_ANY, 30}, {"respectful and relevant", K(GUIDELINES), A_ANY, 40},
  {"comments are moderated", K(GUIDELINES), A_ANY, 40}, {"comments will be moderated", K(GUIDELINES), A_ANY, 40},
  {"forum for civil", K(GUIDELINES), A_ANY, 40}, {"providing a forum", K(GUIDELINES), A_ANY, 30},
  {"off topic comments", K(GUIDELINES), A_ANY, 40}, {"be respectful", K(GUIDELINES), A_ANY, 30},
  {"comments that are", K(GUIDELINES), A_ANY, 40}, {"netiquette", K(GUIDELINES), A_ANY, 30},
  {"diskussionsregeln", K(GUIDELINES), A_ANY, 30}, {"charte de modération", K(GUIDELINES), A_ANY, 30},
  {"règles de la communauté", K(GUIDELINES), A_ANY, 30}, {"normas de la comunidad", K(GUIDELINES), A_ANY, 30},
  {"normas de participación", K(GUIDELINES), A_ANY, 30}, {"regole della community", K(GUIDELINES), A_ANY, 30},
  {"regras da comunidade", K(GUIDELINES), A_ANY, 30}, {"huisregels", K(GUIDELINES), A_ANY, 30},
  {"правила комментирования", K(GUIDELINES), A_ANY, 30}, {"评论规则", K(GUIDELINES), A_ANY, 30},

  /* story tips / corrections */
  {"story idea", K(STORY_TIP), A_ANY, 30}, {"story ideas", K(STORY_TIP), A_ANY, 30},
  {"story tip", K(STORY_TIP), A_ANY, 30}, {"news tip", K(STORY_TIP), A_ANY, 30},
  {"news tips", K(STORY_TIP), A_ANY, 30}, {"got a tip", K(STORY_TIP), A_ANY, 30},
  {"have a tip", K(STORY_TIP), A_ANY, 30}, {"send us a tip", K(STORY_TIP), A_ANY, 30},
  {"submit a tip", K(STORY_TIP), A_ANY, 30}, {"submit it here", K(STORY_TIP), A_ANY, 30},
  {"submit a story", K(STORY_TIP), A_ANY, 30}, {"tip us off", K(STORY_TIP), A_ANY, 30},
  {"contact the newsroom", K(STORY_TIP), A_ANY, 30}, {"send us your", K(STORY_TIP), A_ANY, 20},
  {"report a typo", K(STORY_TIP), A_ANY, 30}, {"report an error", K(STORY_TIP), A_ANY, 30},
  {"report a correction", K(STORY_TIP), A_ANY, 30}, {"submit a correction", K(STORY_TIP), A_ANY, 30},
  {"see a typo", K(STORY_TIP), A_ANY, 30}, {"spot a mistake", K(STORY_TIP), A_ANY, 30},
  {"spotted an error", K(STORY_TIP), A_ANY, 30}, {"do you have a story", K(STORY_TIP), A_ANY, 30},
  {"hinweis an die redaktion", K(STORY_TIP), A_ANY, 30}, {"fehler gefunden", K(STORY_TIP), A_ANY, 20},
  {"signaler une erreur", K(STORY_TIP), A_ANY, 20}, {"una historia que contar", K(STORY_TIP), A_ANY, 30},
  {"segnala un errore", K(STORY_TIP), A_ANY, 20}, {"envie sua", K(STORY_TIP), A_START, 20},
  {"tip de redactie", K(STORY_TIP), A_ANY, 30}, {"сообщить об ошибке", K(STORY_TIP), A_ANY, 20},
  {"爆料", K(STORY_TIP), A_ANY, 20}, {"أرسل لنا", K(STORY_TIP), A_ANY, 20},

  /* cookies / consent */
  {"cookie", K(COOKIE), A_WHOLE, 1}, {"cookies", K(COOKIE), A_WHOLE, 1},
  {"use cookies", K(COOKIE), A_ANY, 90}, {"uses cookies", K(COOKIE), A_ANY, 90},
  {"using cookies", K(COOKIE), A_ANY, 90}, {"of cookies", K(COOKIE), A_ANY, 70},
  {"cookie policy", K(COOKIE), A_ANY, 90}, {"cookies policy", K(COOKIE), A_ANY, 90},
  {"cookie settings", K(COOKIE), A_ANY, 60}, {"cookie preferences", K(COOKIE), A_ANY, 60},
  {"cookie notice", K(COOKIE), A_ANY, 60}, {"accept cookies", K(COOKIE), A_ANY, 60},
  {"accept all cookies", K(COOKIE), A_ANY, 60}, {"allow cookies", K(COOKIE), A_ANY, 60},
  {"enable cookies", K(COOKIE), A_ANY, 40}, {"manage cookies", K(COOKIE), A_ANY, 60},
  {"cookies and similar", K(COOKIE), A_ANY, 90}, {"cookies to", K(COOKIE), A_ANY, 60},
  {"accept all", K(COOKIE), A_WHOLE, 2}, {"reject all", K(COOKIE), A_WHOLE, 2},
  {"by continuing to use", K(COOKIE), A_ANY, 70}, {"by continuing to browse", K(COOKIE), A_ANY, 70},
  {"by using this site", K(COOKIE), A_ANY, 70}, {"by using this website", K(COOKIE), A_ANY, 70},
  {"by using our site", K(COOKIE), A_ANY, 70}, {"you agree to our", K(COOKIE), A_ANY, 50},
  {"privacy policy", K(COOKIE), A_ANY, 20}, {"privacy notice", K(COOKIE), A_ANY, 20},
  {"privacy settings", K(COOKIE), A_ANY, 20}, {"privacy preferences", K(COOKIE), A_ANY, 20},
  {"do not sell my", K(COOKIE), A_ANY, 20}, {"do not sell or share", K(COOKIE), A_ANY, 20},
  {"your privacy choices", K(COOKIE), A_ANY, 20}, {"manage consent", K(COOKIE), A_ANY, 20},
  {"consent preferences", K(COOKIE), A_ANY, 20}, {"i agree", K(COOKIE), A_WHOLE, 2},
  {"i accept", K(COOKIE), A_WHOLE, 2}, {"got it", K(COOKIE), A_WHOLE, 2},
  {"cookies verwenden", K(COOKIE), A_ANY, 90}, {"verwendet cookies", K(COOKIE), A_ANY, 90},
  {"verwenden cookies", K(COOKIE), A_ANY, 90}, {"datenschutzerklärung", K(COOKIE), A_ANY, 20},
  {"datenschutz", K(COOKIE), A_WHOLE, 1}, {"cookie einstellungen", K(COOKIE), A_ANY, 30},
  {"alle akzeptieren", K(COOKIE), A_ANY, 6}, {"utilise des cookies", K(COOKIE), A_ANY, 90},
  {"utilisons des cookies", K(COOKIE), A_ANY, 90}, {"politique de confidentialité", K(COOKIE), A_ANY, 20},
  {"tout accepter", K(COOKIE), A_ANY, 6}, {"j accepte", K(COOKIE), A_WHOLE, 2},
  {"utiliza cookies", K(COOKIE), A_ANY, 90}, {"utilizamos cookies", K(COOKIE), A_ANY, 90},
  {"política de privacidad", K(COOKIE), A_ANY, 20}, {"política de cookies", K(COOKIE), A_ANY, 40},
  {"aceptar", K(COOKIE), A_WHOLE, 1}, {"aceptar todo", K(COOKIE), A_ANY, 6},
  {"utilizza cookie", K(COOKIE), A_ANY, 90}, {"utilizziamo cookie", K(COOKIE), A_ANY, 90},
  {"utilizza i cookie", K(COOKIE), A_ANY, 90}, {"informativa sulla privacy", K(COOKIE), A_ANY, 20},
  {"accetta", K(COOKIE), A_WHOLE, 1}, {"accetto", K(COOKIE), A_WHOLE, 1},
  {"política de privacidade", K(COOKIE), A_ANY, 20}, {"aceitar", K(COOKIE), A_WHOLE, 1},
  {"utilizamos cookies", K(COOKIE), A_ANY, 90}, {"gebruikt cookies", K(COOKIE), A_ANY, 90},
  {"maakt gebruik van cookies", K(COOKIE), A_ANY, 90}, {"akkoord", K(COOKIE), A_WHOLE, 1},
  {"файлы cookie", K(COOKIE), A_ANY, 90}, {"использует cookie", K(COOKIE), A_ANY, 90},
  {"политика конфиденциальности", K(COOKIE), A_ANY, 20}, {"隐私政策", K(COOKIE), A_ANY, 20},
  {"使用cookie", K(COOKIE), A_ANY, 90}, {"クッキー", K(COOKIE), A_ANY, 60},
  {"プライバシーポリシー", K(COOKIE), A_ANY, 30}, {"ملفات تعريف الارتباط", K(COOKIE), A_ANY, 90},
  {"سياسة الخصوصية", K(COOKIE), A_ANY, 20},

  /* read more / related */
  {"read more", K(READ_MORE), A_ANY, 12}, {"read more", K(READ_MORE), A_START, 30},
  {"continue reading", K(READ_MORE), A_ANY, 14}, {"read the full story", K(READ_MORE), A_ANY, 14},
  {"read full story", K(READ_MORE), A_ANY, 12}, {"read the full article", K(READ_MORE), A_ANY, 14},
  {"read full article", K(READ_MORE), A_ANY, 12}, {"full story", K(READ_MORE), A_WHOLE, 2},
  {"more stories", K(READ_MORE), A_ANY, 8}, {"more news", K(READ_MORE), A_ANY, 6},
  {"more from", K(READ_MORE), A_START, 8}, {"related", K(READ_MORE), A_WHOLE, 1},
  {"related", K(READ_MORE), A_START, 3}, {"related articles", K(READ_MORE), A_ANY, 6},
  {"related stories", K(READ_MORE), A_ANY, 6}, {"related content", K(READ_MORE), A_ANY, 6},
  {"related posts", K(READ_MORE), A_ANY, 6}, {"related news", K(READ_MORE), A_ANY, 6},
  {"related coverage", K(READ_MORE), A_ANY, 6}, {"related video", K(READ_MORE), A_ANY, 6},
  {"you may also like", K(READ_MORE), A_ANY, 10}, {"you might also like", K(READ_MORE), A_ANY, 10},
  {"you may be interested in", K(READ_MORE), A_ANY, 10}, {"you might be interested in", K(READ_MORE), A_ANY, 10},
  {"recommended", K(READ_MORE), A_WHOLE, 1}, {"recommended for you", K(READ_MORE), A_ANY, 8},
  {"recommended stories", K(READ_MORE), A_ANY, 6}, {"most popular", K(READ_MORE), A_ANY, 6},
  {"most read", K(READ_MORE), A_ANY, 6}, {"most viewed", K(READ_MORE), A_ANY, 6},
  {"most shared", K(READ_MORE), A_ANY, 6}, {"trending", K(READ_MORE), A_WHOLE, 1},
  {"trending now", K(READ_MORE), A_ANY, 6}, {"top stories", K(READ_MORE), A_ANY, 6},
  {"latest news", K(READ_MORE), A_ANY, 6}, {"latest stories", K(READ_MORE), A_ANY, 6},
  {"editor s picks", K(READ_MORE), A_ANY, 6}, {"editors picks", K(READ_MORE), A_ANY, 6},
  {"also read", K(READ_MORE), A_START, 30}, {"see also", K(READ_MORE), A_START, 30},
  {"don t miss", K(READ_MORE), A_START, 20}, {"more on this", K(READ_MORE), A_START, 12},
  {"keep reading", K(READ_MORE), A_ANY, 10}, {"view more", K(READ_MORE), A_ANY, 6},
  {"load more", K(READ_MORE), A_ANY, 6}, {"show more", K(READ_MORE), A_ANY, 6},
  {"see more", K(READ_MORE), A_ANY, 6}, {"more", K(READ_MORE), A_WHOLE, 1},
  {"watch more", K(READ_MORE), A_ANY, 6}, {"up next", K(READ_MORE), A_ANY, 8},
  {"mehr lesen", K(READ_MORE), A_ANY, 10}, {"weiterlesen", K(READ_MORE), A_ANY, 10},
  {"mehr zum thema", K(READ_MORE), A_START, 20}, {"das könnte sie auch interessieren", K(READ_MORE), A_ANY, 12},
  {"lesen sie auch", K(READ_MORE), A_START, 30}, {"lire la suite", K(READ_MORE), A_ANY, 12},
  {"lire aussi", K(READ_MORE), A_START, 30}, {"à lire aussi", K(READ_MORE), A_START, 30},
  {"voir aussi", K(READ_MORE), A_START, 30}, {"sur le même sujet", K(READ_MORE), A_ANY, 10},
  {"leer más", K(READ_MORE), A_ANY, 12}, {"seguir leyendo", K(READ_MORE), A_ANY, 12},
  {"te puede interesar", K(READ_MORE), A_ANY, 12}, {"noticias relacionadas", K(READ_MORE), A_ANY, 8},
  {"lee también", K(READ_MORE), A_START, 30}, {"leggi anche", K(READ_MORE), A_START, 30},
  {"leggi di più", K(READ_MORE), A_ANY, 12}, {"continua a leggere", K(READ_MORE), A_ANY, 12},
  {"potrebbe interessarti", K(READ_MORE), A_ANY, 10}, {"leia mais", K(READ_MORE), A_ANY, 12},
  {"czytaj także", K(READ_MORE), A_START, 30}, {"czytaj też", K(READ_MORE), A_START, 30},
  {"zobacz także", K(READ_MORE), A_START, 30}, {"najczęściej czytane", K(READ_MORE), A_ANY, 6},
  {"čtěte také", K(READ_MORE), A_START, 30}, {"související články", K(READ_MORE), A_ANY, 6},
  {"ilgili haberler", K(READ_MORE), A_ANY, 6}, {"ilginizi çekebilir", K(READ_MORE), A_ANY, 8},
  {"devamını oku", K(READ_MORE), A_ANY, 10}, {"läs även", K(READ_MORE), A_START, 30},
  {"läs mer", K(READ_MORE), A_ANY, 12}, {"xem thêm", K(READ_MORE), A_ANY, 12},
  {"tin liên quan", K(READ_MORE), A_ANY, 6},
  {"baca juga", K(READ_MORE), A_START, 30}, {"baca selengkapnya", K(READ_MORE), A_ANY, 12},
  {"artikel terkait", K(READ_MORE), A_ANY, 6}, {"berita terkait", K(READ_MORE), A_ANY, 6},
  {"terkait", K(READ_MORE), A_WHOLE, 1},
  {"leia também", K(READ_MORE), A_START, 30}, {"continue lendo", K(READ_MORE), A_ANY, 12},
  {"veja também", K(READ_MORE), A_START, 30}, {"lees meer", K(READ_MORE), A_ANY, 12},
  {"lees ook", K(READ_MORE), A_START, 30}, {"meer lezen", K(READ_MORE), A_ANY, 12},
  {"читать далее", K(READ_MORE), A_ANY, 12}, {"читайте также", K(READ_MORE), A_START, 30},
  {"подробнее", K(READ_MORE), A_ANY, 4}, {"читать еще", K(READ_MORE), A_ANY, 8},
  {"阅读更多", K(READ_MORE), A_ANY, 12}, {"阅读全文", K(READ_MORE), A_ANY, 12},
  {"相关文章", K(READ_MORE), A_ANY, 12}, {"相关新闻", K(READ_MORE), A_ANY, 12},
  {"查看更多", K(READ_MORE), A_ANY, 12}, {"続きを読む", K(READ_MORE), A_ANY, 14},
  {"関連記事", K(READ_MORE), A_ANY, 12}, {"もっと見る", K(READ_MORE), A_ANY, 12},
  {"اقرأ المزيد", K(READ_MORE), A_ANY, 10}, {"اقرأ أيضا", K(READ_MORE), A_START, 30},
  {"أخبار ذات صلة", K(READ_MORE), A_ANY, 8},

  /* advertising */
  {"advertisement", K(AD), A_ANY, 8}, {"advertising", K(AD), A_WHOLE, 1}, {"ad", K(AD), A_WHOLE, 1},
  {"ads", K(AD), A_WHOLE, 1}, {"sponsored", K(AD), A_START, 4}, {"sponsored content", K(AD), A_ANY, 8},
  {"paid content", K(AD), A_ANY, 8}, {"promoted", K(AD), A_WHOLE, 1}, {"promoted content", K(AD), A_ANY, 8},
  {"partner content", K(AD), A_ANY, 8}, {"paid post", K(AD), A_ANY, 8}, {"ad feedback", K(AD), A_ANY, 6},
  {"continues below", K(AD), A_ANY, 10}, {"scroll to continue", K(AD), A_ANY, 10},
  {"report this ad", K(AD), A_ANY, 6}, {"powered by", K(AD), A_START, 6}, {"sponsored by", K(AD), A_START, 8}, {"affiliate links", K(AD), A_ANY, 30},
  {"affiliate link", K(AD), A_ANY, 30}, {"disclosure policy", K(AD), A_ANY, 30},
  {"we may earn a commission", K(AD), A_ANY, 40}, {"may earn an affiliate commission", K(AD), A_ANY, 40}, {"advertise with us", K(AD), A_ANY, 8},
  {"anzeige", K(AD), A_WHOLE, 1}, {"werbung", K(AD), A_WHOLE, 1}, {"publicité", K(AD), A_WHOLE, 1},
  {"publicidad", K(AD), A_WHOLE, 1}, {"anuncio", K(AD), A_WHOLE, 1}, {"pubblicità", K(AD), A_WHOLE, 1},
  {"publicidade", K(AD), A_WHOLE, 1}, {"advertentie", K(AD), A_WHOLE, 1}, {"реклама", K(AD), A_WHOLE, 1},
  {"广告", K(AD), A_WHOLE, 2}, {"広告", K(AD), A_WHOLE, 2}, {"إعلان", K(AD), A_WHOLE, 1},

  /* navigation */
  {"home", K(NAV), A_WHOLE, 1}, {"menu", K(NAV), A_WHOLE, 1}, {"search", K(NAV), A_WHOLE, 1},
  {"close", K(NAV), A_WHOLE, 1}, {"back", K(NAV), A_WHOLE, 1}, {"next", K(NAV), A_WHOLE, 1},
  {"previous", K(NAV), A_WHOLE, 1}, {"prev", K(NAV), A_WHOLE, 1}, {"main menu", K(NAV), A_ANY, 4},
  {"toggle navigation", K(NAV), A_ANY, 4}, {"navigation", K(NAV), A_WHOLE, 1},
  {"open menu", K(NAV), A_ANY, 4}, {"close menu", K(NAV), A_ANY, 4}, {"open navigation", K(NAV), A_ANY, 4},
  {"next article", K(NAV), A_START, 14}, {"previous article", K(NAV), A_START, 14},
  {"next post", K(NAV), A_START, 14}, {"previous post", K(NAV), A_START, 14},
  {"next story", K(NAV), A_START, 14}, {"previous story", K(NAV), A_START, 14},
  {"back to", K(NAV), A_START, 5}, {"go back", K(NAV), A_WHOLE, 2}, {"sitemap", K(NAV), A_WHOLE, 1},
  {"site map", K(NAV), A_WHOLE, 2}, {"contact us", K(NAV), A_WHOLE, 2}, {"about us", K(NAV), A_WHOLE, 2},
  {"contact", K(NAV), A_WHOLE, 1}, {"terms of use", K(NAV), A_ANY, 12}, {"terms of service", K(NAV), A_ANY, 12},
  {"terms and conditions", K(NAV), A_ANY, 10}, {"privacy", K(NAV), A_WHOLE, 1},
  {"accessibility", K(NAV), A_WHOLE, 1}, {"careers", K(NAV), A_WHOLE, 1}, {"advertise", K(NAV), A_WHOLE, 1},
  {"you are here", K(NAV), A_START, 16}, {"page # of #", K(NAV), A_ANY, 6}, {"search for", K(NAV), A_START, 4},
  {"startseite", K(NAV), A_WHOLE, 1}, {"suche", K(NAV), A_WHOLE, 1}, {"impressum", K(NAV), A_WHOLE, 1},
  {"accueil", K(NAV), A_WHOLE, 1}, {"recherche", K(NAV), A_WHOLE, 1}, {"mentions légales", K(NAV), A_WHOLE, 2},
  {"inicio", K(NAV), A_WHOLE, 1}, {"buscar", K(NAV), A_WHOLE, 1}, {"portada", K(NAV), A_WHOLE, 1},
  {"cerca", K(NAV), A_WHOLE, 1}, {"página inicial", K(NAV), A_WHOLE, 2}, {"pesquisar", K(NAV), A_WHOLE, 1},
  {"zoeken", K(NAV), A_WHOLE, 1}, {"главная", K(NAV), A_WHOLE, 1}, {"поиск", K(NAV), A_WHOLE, 1},
  {"首页", K(NAV), A_WHOLE, 2}, {"搜索", K(NAV), A_WHOLE, 2}, {"ホーム", K(NAV), A_WHOLE, 3},
  {"検索", K(NAV), A_WHOLE, 2}, {"الرئيسية", K(NAV), A_WHOLE, 1}, {"بحث", K(NAV), A_WHOLE, 1},

  /* author boxes */
  {"about the author", K(AUTHOR_BOX), A_ANY, 12}, {"about author", K(AUTHOR_BOX), A_ANY, 8},
  {"author profile", K(AUTHOR_BOX), A_ANY, 8}, {"profile photo", K(AUTHOR_BOX), A_ANY, 8},
  {"author photo", K(AUTHOR_BOX), A_ANY, 8}, {"author image", K(AUTHOR_BOX), A_ANY, 8},
  {"author bio", K(AUTHOR_BOX), A_ANY, 8}, {"author avatar", K(AUTHOR_BOX), A_ANY, 8},
  {"more by this author", K(AUTHOR_BOX), A_ANY, 10}, {"more from this author", K(AUTHOR_BOX), A_ANY, 10},
  {"more articles by", K(AUTHOR_BOX), A_START, 10}, {"more stories by", K(AUTHOR_BOX), A_START, 10},
  {"view all posts by", K(AUTHOR_BOX), A_ANY, 12}, {"see all articles by", K(AUTHOR_BOX), A_ANY, 12},
  {"all posts by", K(AUTHOR_BOX), A_START, 10}, {"all stories by", K(AUTHOR_BOX), A_START, 10},
  {"über den autor", K(AUTHOR_BOX), A_ANY, 10}, {"zum autor", K(AUTHOR_BOX), A_ANY, 6},
  {"à propos de l auteur", K(AUTHOR_BOX), A_ANY, 10}, {"sobre el autor", K(AUTHOR_BOX), A_ANY, 10},
  {"sull autore", K(AUTHOR_BOX), A_ANY, 10}, {"sobre o autor", K(AUTHOR_BOX), A_ANY, 10},
  {"over de auteur", K(AUTHOR_BOX), A_ANY, 10}, {"об авторе", K(AUTHOR_BOX), A_ANY, 10},
  {"关于作者", K(AUTHOR_BOX), A_ANY, 10}, {"عن الكاتب", K(AUTHOR_BOX), A_ANY, 10},

  /* login */
  {"sign in", K(LOGIN), A_ANY, 5}, {"log in", K(LOGIN), A_ANY, 5}, {"login", K(LOGIN), A_ANY, 4},
  {"log out", K(LOGIN), A_ANY, 4}, {"logout", K(LOGIN), A_WHOLE, 1}, {"sign out", K(LOGIN), A_ANY, 4},
  {"register", K(LOGIN), A_WHOLE, 1}, {"my account", K(LOGIN), A_ANY, 4}, {"account", K(LOGIN), A_WHOLE, 1},
  {"create an account", K(LOGIN), A_ANY, 12}, {"create account", K(LOGIN), A_ANY, 6},
  {"forgot password", K(LOGIN), A_ANY, 6}, {"forgot your password", K(LOGIN), A_ANY, 8},
  {"already have an account", K(LOGIN), A_ANY, 12}, {"don t have an account", K(LOGIN), A_ANY, 12},
  {"anmelden", K(LOGIN), A_WHOLE, 1}, {"einloggen", K(LOGIN), A_WHOLE, 1}, {"registrieren", K(LOGIN), A_WHOLE, 1},
  {"se connecter", K(LOGIN), A_WHOLE, 2}, {"connexion", K(LOGIN), A_WHOLE, 1}, {"s inscrire", K(LOGIN), A_WHOLE, 2},
  {"iniciar sesión", K(LOGIN), A_WHOLE, 2}, {"registrarse", K(LOGIN), A_WHOLE, 1}, {"accedi", K(LOGIN), A_WHOLE, 1},
  {"registrati", K(LOGIN), A_WHOLE, 1}, {"entrar", K(LOGIN), A_WHOLE, 1}, {"inloggen", K(LOGIN), A_WHOLE, 1},
  {"registreren", K(LOGIN), A_WHOLE, 1}, {"войти", K(LOGIN), A_WHOLE, 1}, {"вход", K(LOGIN), A_WHOLE, 1},
  {"регистрация", K(LOGIN), A_WHOLE, 1}, {"登录", K(LOGIN), A_WHOLE, 2}, {"注册", K(LOGIN), A_WHOLE, 2},
  {"ログイン", K(LOGIN), A_WHOLE, 4}, {"تسجيل الدخول", K(LOGIN), A_WHOLE, 2},

  /* jumps */
  {"jump to", K(JUMP), A_START, 6}, {"back to top", K(JUMP), A_ANY, 6}, {"go to top", K(JUMP), A_ANY, 6},
  {"scroll to top", K(JUMP), A_ANY, 6}, {"return to top", K(JUMP), A_ANY, 6}, {"top of page", K(JUMP), A_ANY, 6},
  {"to top", K(JUMP), A_WHOLE, 2}, {"top", K(JUMP), A_WHOLE, 1}, {"jump to comments", K(JUMP), A_ANY, 8},
  {"go to comments", K(JUMP), A_ANY, 8}, {"skip to comments", K(JUMP), A_ANY, 8},
  {"zum seitenanfang", K(JUMP), A_ANY, 6}, {"nach oben", K(JUMP), A_WHOLE, 2},
  {"haut de page", K(JUMP), A_ANY, 6}, {"retour en haut", K(JUMP), A_ANY, 6},
  {"volver arriba", K(JUMP), A_ANY, 6}, {"torna su", K(JUMP), A_WHOLE, 2},
  {"voltar ao topo", K(JUMP), A_ANY, 6}, {"naar boven", K(JUMP), A_WHOLE, 2}, {"наверх", K(JUMP), A_WHOLE, 1},
  {"返回顶部", K(JUMP), A_ANY, 6}, {"トップへ戻る", K(JUMP), A_ANY, 8}, {"العودة للأعلى", K(JUMP), A_ANY, 6},

  /* photo credits / captions */
  {"photo", K(PHOTO_CREDIT), A_START, 14}, {"photo by", K(PHOTO_CREDIT), A_START, 14},
  {"photograph", K(PHOTO_CREDIT), A_START, 12}, {"image", K(PHOTO_CREDIT), A_START, 10},
  {"image by", K(PHOTO_CREDIT), A_START, 14}, {"picture", K(PHOTO_CREDIT), A_START, 8},
  {"credit", K(PHOTO_CREDIT), A_START, 10}, {"photo credit", K(PHOTO_CREDIT), A_ANY, 20},
  {"image credit", K(PHOTO_CREDIT), A_ANY, 20}, {"image caption", K(PHOTO_CREDIT), A_START, 60},
  {"media caption", K(PHOTO_CREDIT), A_START, 60}, {"caption", K(PHOTO_CREDIT), A_START, 30},
  {"getty images", K(PHOTO_CREDIT), A_ANY, 16}, {"getty images", K(PHOTO_CREDIT), A_END, 40},
  {"ap photo", K(PHOTO_CREDIT), A_ANY, 14}, {"ap photo", K(PHOTO_CREDIT), A_END, 80},
  {"shutterstock", K(PHOTO_CREDIT), A_ANY, 16}, {"istock", K(PHOTO_CREDIT), A_ANY, 16},
  {"afp via getty images", K(PHOTO_CREDIT), A_ANY, 60}, {"foto", K(PHOTO_CREDIT), A_START, 10},
  {"bild", K(PHOTO_CREDIT), A_START, 6}, {"crédit photo", K(PHOTO_CREDIT), A_ANY, 16},
  {"foto di", K(PHOTO_CREDIT), A_START, 12}, {"фото", K(PHOTO_CREDIT), A_START, 8},
  {"图片来源", K(PHOTO_CREDIT), A_ANY, 20}, {"写真", K(PHOTO_CREDIT), A_START, 10},
  {"صورة", K(PHOTO_CREDIT), A_START, 8}, {"enlarge this image", K(PHOTO_CREDIT), A_ANY, 6},
  {"toggle caption", K(PHOTO_CREDIT), A_ANY, 6}, {"hide caption", K(PHOTO_CREDIT), A_ANY, 6},
  {"expand image", K(PHOTO_CREDIT), A_ANY, 6}, {"view gallery", K(PHOTO_CREDIT), A_ANY, 6},
  {"# photos", K(PHOTO_CREDIT), A_START, 4}, {"image # of #", K(PHOTO_CREDIT), A_ANY, 6},
  {"photo # of #", K(PHOTO_CREDIT), A_ANY, 6},

  /* copyright */
  {"all rights reserved", K(COPYRIGHT), A_ANY, 40}, {"copyright", K(COPYRIGHT), A_START, 30},
  {"copyright", K(COPYRIGHT), A_ANY, 16}, {"alle rechte vorbehalten", K(COPYRIGHT), A_ANY, 40},
  {"tous droits réservés", K(COPYRIGHT), A_ANY, 40}, {"todos los derechos reservados", K(COPYRIGHT), A_ANY, 40},
  {"tutti i diritti riservati", K(COPYRIGHT), A_ANY, 40}, {"todos os direitos reservados", K(COPYRIGHT), A_ANY, 40},
  {"alle rechten voorbehouden", K(COPYRIGHT), A_ANY, 40}, {"все права защищены", K(COPYRIGHT), A_ANY, 40},
  {"版权所有", K(COPYRIGHT), A_ANY, 40}, {"版權所有", K(COPYRIGHT), A_ANY, 40}, {"無断転載", K(COPYRIGHT), A_ANY, 40},
  {"جميع الحقوق محفوظة", K(COPYRIGHT), A_ANY, 40},
  {"may not be published broadcast", K(COPYRIGHT), A_ANY, 40},
  {"may not be reproduced", K(COPYRIGHT), A_ANY, 30},

  /* comment threads */
  {"reply", K(COMMENT_META), A_WHOLE, 1}, {"replies", K(COMMENT_META), A_END, 3},
  {"# replies", K(COMMENT_META), A_WHOLE, 2}, {"# reply", K(COMMENT_META), A_WHOLE, 2},
  {"report", K(COMMENT_META), A_WHOLE, 1}, {"report abuse", K(COMMENT_META), A_ANY, 4},
  {"report comment", K(COMMENT_META), A_ANY, 4}, {"flag", K(COMMENT_META), A_WHOLE, 1},
  {"quote", K(COMMENT_META), A_WHOLE, 1}, {"permalink", K(COMMENT_META), A_WHOLE, 1},
  {"avatar", K(COMMENT_META), A_WHOLE, 1}, {"like", K(COMMENT_META), A_WHOLE, 1},
  {"likes", K(COMMENT_META), A_END, 3}, {"upvote", K(COMMENT_META), A_WHOLE, 1},
  {"downvote", K(COMMENT_META), A_WHOLE, 1}, {"# votes", K(COMMENT_META), A_END, 4},
  {"# points", K(COMMENT_META), A_END, 4}, {"rating", K(COMMENT_META), A_START, 4},
  {"says", K(COMMENT_META), A_END, 4},
  {"wrote", K(COMMENT_META), A_END, 5}, {"log in to reply", K(COMMENT_META), A_ANY, 6},
  {"view all", K(COMMENT_META), A_WHOLE, 2}, {"top rated comments", K(COMMENT_META), A_ANY, 6},
  {"newest first", K(COMMENT_META), A_ANY, 4}, {"oldest first", K(COMMENT_META), A_ANY, 4},
  {"sort by", K(COMMENT_META), A_START, 5}, {"in reply to", K(COMMENT_META), A_START, 8},
  /* relative times: in comment threads and teaser lists alike */
  {"# seconds ago", K(OTHER), A_ANY, 8}, {"# minutes ago", K(OTHER), A_ANY, 8},
  {"# minute ago", K(OTHER), A_ANY, 8}, {"# hours ago", K(OTHER), A_ANY, 8},
  {"# hour ago", K(OTHER), A_ANY, 8}, {"# days ago", K(OTHER), A_ANY, 8},
  {"# day ago", K(OTHER), A_ANY, 8}, {"# weeks ago", K(OTHER), A_ANY, 8},
  {"# months ago", K(OTHER), A_ANY, 8}, {"# years ago", K(OTHER), A_ANY, 8},
  {"a day ago", K(OTHER), A_ANY, 6}, {"an hour ago", K(OTHER), A_ANY, 6},
  {"antworten", K(COMMENT_META), A_WHOLE, 1}, {"répondre", K(COMMENT_META), A_WHOLE, 1},
  {"responder", K(COMMENT_META), A_WHOLE, 1}, {"rispondi", K(COMMENT_META), A_WHOLE, 1},
  {"reageren", K(COMMENT_META), A_WHOLE, 1}, {"ответить", K(COMMENT_META), A_WHOLE, 1},
  {"回复", K(COMMENT_META), A_WHOLE, 2}, {"返信", K(COMMENT_META), A_WHOLE, 2}, {"رد", K(COMMENT_META), A_WHOLE, 1},

  /* legal disclaimers and trademark notices (footers) */
  {"registered trademark", K(COPYRIGHT), A_ANY, 90}, {"registered trademarks", K(COPYRIGHT), A_ANY, 90},
  {"are trademarks of", K(COPYRIGHT), A_ANY, 90}, {"is a trademark of", K(COPYRIGHT), A_ANY, 90},
  {"not intended to diagnose", K(OTHER), A_ANY, 90}, {"have not been evaluated by", K(OTHER), A_ANY, 90},
  {"has not been evaluated by", K(OTHER), A_ANY, 90}, {"for informational purposes only", K(OTHER), A_ANY, 90},
  {"for general information purposes only", K(OTHER), A_ANY, 90},
  {"does not constitute", K(OTHER), A_ANY, 60}, {"consult your physician", K(OTHER), A_ANY, 90},
  {"consult your doctor", K(OTHER), A_ANY, 40}, {"results vary", K(OTHER), A_ANY, 60},
  {"results may vary", K(OTHER), A_ANY, 60}, {"not responsible for the content", K(OTHER), A_ANY, 60},
  {"terms and conditions apply", K(OTHER), A_ANY, 40}, {"information provided on this website", K(OTHER), A_ANY, 90},
  {"information on this website", K(OTHER), A_ANY, 90}, {"use of this site constitutes", K(OTHER), A_ANY, 90},
  {"use of this website constitutes", K(OTHER), A_ANY, 90},

  /* recipe-card labels ("Prep Time: 15 minutes", "Yield: 6 servings") */
  {"prep time", K(OTHER), A_START, 6}, {"cook time", K(OTHER), A_START, 6},
  {"total time", K(OTHER), A_START, 6}, {"yield", K(OTHER), A_START, 5}, {"servings", K(OTHER), A_START, 4},
  {"method", K(OTHER), A_START, 3}, {"cuisine", K(OTHER), A_START, 4}, {"course", K(OTHER), A_START, 3},
  {"category", K(OTHER), A_START, 4}, {"scale", K(OTHER), A_WHOLE, 1}, {"keyword", K(OTHER), A_START, 5},
  {"calories", K(OTHER), A_START, 4}, {"# servings", K(OTHER), A_WHOLE, 2},

  /* labels and credits that are not story text */
  {"press release", K(OTHER), A_WHOLE, 2}, {"news release", K(OTHER), A_WHOLE, 2},
  {"for immediate release", K(OTHER), A_ANY, 6}, {"confidential tip", K(STORY_TIP), A_ANY, 40},
  {"secure form", K(STORY_TIP), A_ANY, 40}, {"责任编辑", K(OTHER), A_ANY, 16},
  {"编辑", K(OTHER), A_START, 8}, {"来源", K(OTHER), A_START, 12}, {"責任編輯", K(OTHER), A_ANY, 16},

  /* other */
  {"click here", K(OTHER), A_ANY, 25}, {"tap here", K(OTHER), A_ANY, 20}, {"loading", K(OTHER), A_WHOLE, 1},
  {"please wait", K(OTHER), A_ANY, 6}, {"javascript", K(OTHER), A_ANY, 30},
  {"your browser", K(OTHER), A_ANY, 30}, {"update your browser", K(OTHER), A_ANY, 30},
  {"video player", K(OTHER), A_ANY, 10}, {"play video", K(OTHER), A_ANY, 6}, {"watch video", K(OTHER), A_ANY, 6},
  {"watch", K(OTHER), A_WHOLE, 1}, {"watch now", K(OTHER), A_ANY, 4}, {"listen", K(OTHER), A_WHOLE, 1},
  {"listen to this article", K(OTHER), A_ANY, 10}, {"listen to article", K(OTHER), A_ANY, 10},
  {"# min read", K(OTHER), A_ANY, 6}, {"# minute read", K(OTHER), A_ANY, 6},
  {"reading time", K(OTHER), A_START, 6}, {"opens in new window", K(OTHER), A_ANY, 10},
  {"open in new window", K(OTHER), A_ANY, 10}, {"opens in a new window", K(OTHER), A_ANY, 10},
  {"# of #", K(OTHER), A_WHOLE, 3}, {"hier klicken", K(OTHER), A_ANY, 20},
  {"cliquez ici", K(OTHER), A_ANY, 20}, {"haga clic aquí", K(OTHER), A_ANY, 20},
  {"clic aquí", K(OTHER), A_ANY, 20}, {"clicca qui", K(OTHER), A_ANY, 20},
  {"clique aqui", K(OTHER), A_ANY, 20}, {"klik hier", K(OTHER), A_ANY, 20},
  {"нажмите здесь", K(OTHER), A_ANY, 20}, {"点击这里", K(OTHER), A_ANY, 20},
  {"点击此处", K(OTHER), A_ANY, 20}, {"ここをクリック", K(OTHER), A_ANY, 20}, {"انقر هنا", K(OTHER), A_ANY, 20},
};
#undef K
#define NPHRASES (sizeof S_phrases / sizeof S_phrases[0])
#define PH_MAXTOK 8

/* A compiled phrase: the small fields the matcher tests first (8 bytes,
 * the whole table stays in L1), and apart from them its word hashes. */
typedef struct cphrase {
  unsigned char ntok, kind, anchor, maxw;
  unsigned char rest_maxw; /* the largest maxw of this and the later phrases of its chain */
  int16_t next;            /* next phrase with the same first word, -1 = none */
} cphrase;
static cphrase S_cph[NPHRASES];
static uint64_t S_cph_h[NPHRASES][PH_MAXTOK];

#define PH_SLOTS 2048
typedef struct ph_slot {
  uint64_t h;
  int16_t head; /* -1 = empty */
} ph_slot;
static ph_slot S_ph[PH_SLOTS];
/* one bit per first-word hash (16384 bits, 2 KiB): most words start no
 * phrase, and this small table says so without touching S_ph */
static uint64_t S_ph_bloom[256];
static inline size_t S_bloom_bit(uint64_t h) { return (size_t)((h * 0xC2B2AE3D27D4EB4FULL) >> 50); }
static int16_t S_num_head = -1; /* phrases starting with a number placeholder */
static uint64_t S_num_hash; /* hash of "#": matches a number token */
static uint64_t S_copyright_hash;
static uint64_t S_credit_hash[6]; /* photo, foto, image, credit, getty, photograph */
static uint64_t S_ago_hash, S_img_hash[6];

static pthread_once_t S_once = PTHREAD_ONCE_INIT;

static void S_stop_add(uint64_t h, int lang) {
  size_t i = S_slot(h, STOP_BITS);
  while (S_stop_mask[i] && S_stop_key[i] != h) i = (i + 1) & (STOP_SLOTS - 1);
  S_stop_key[i] = h;
  S_stop_mask[i] |= 1u << lang;
}

static inline uint32_t S_stop_get(uint64_t h) {
  size_t i = S_slot(h, STOP_BITS);
  while (S_stop_mask[i]) {
    if (S_stop_key[i] == h) return S_stop_mask[i];
    i = (i + 1) & (STOP_SLOTS - 1);
  }
  return 0;
}

static inline int16_t S_ph_get(uint64_t h) {
  size_t b = S_bloom_bit(h);
  if (!(S_ph_bloom[b >> 6] & (1ULL << (b & 63)))) return -1;
  size_t i = S_slot(h, 11);
  while (S_ph[i].head >= 0) {
    if (S_ph[i].h == h) return S_ph[i].head;
    i = (i + 1) & (PH_SLOTS - 1);
  }
  return -1;
}

static void S_init(void) {
  tok t[64];
  for (uint32_t c = 0; c < 128; c++) {
    S_acls[c] = (unsigned char)S_class_slow(c);
    S_aletter[c] = S_acls[c] == C_LETTER;
  }
  for (int l = 0; l < PITH_LANG_COUNT; l++) {
    const char *w = S_stop_lists[l];
    if (!w) continue;
    /* lists are long: walk them in pieces of whole words */
    size_t len = strlen(w), i = 0;
    while (i < len) {
      while (i < len && w[i] == ' ') i++;
      size_t j = i;
      while (j < len && w[j] != ' ') j++;
      if (j > i) {
        /* one list entry may be two tokens ("it's"): add each */
        size_t k = S_tokens(w + i, j - i, t, 4, 0);
        for (size_t m = 0; m < k && m < 4; m++) S_stop_add(t[m].h, l);
      }
      i = j;
    }
  }
  /* zh function characters */
  {
    const unsigned char *u = (const unsigned char *)S_zh_func;
    size_t n = strlen(S_zh_func), i = 0;
    while (i < n && S_zh_n < sizeof S_zh_cp / sizeof S_zh_cp[0]) {
      uint32_t c = S_cp(u, n, &i);
      size_t a = 0;
      while (a < S_zh_n && S_zh_cp[a] < c) a++;
      if (a < S_zh_n && S_zh_cp[a] == c) continue;
      memmove(S_zh_cp + a + 1, S_zh_cp + a, (S_zh_n - a) * sizeof *S_zh_cp);
      S_zh_cp[a] = c;
      S_zh_n++;
    }
  }
  /* phrases */
  S_num_hash = S_mix(FNV_OFF, '#');
  if (S_tokens("copyright", 9, t, 1, 0) == 1) S_copyright_hash = t[0].h;
  {
    static const char *const cw[6] = {"photo", "foto", "image", "credit", "getty", "photograph"};
    static const char *const iw[6] = {"jpg", "jpeg", "png", "gif", "webp", "svg"};
    for (int k = 0; k < 6; k++) {
      if (S_tokens(cw[k], strlen(cw[k]), t, 1, 0) == 1) S_credit_hash[k] = t[0].h;
      if (S_tokens(iw[k], strlen(iw[k]), t, 1, 0) == 1) S_img_hash[k] = t[0].h;
    }
    if (S_tokens("ago", 3, t, 1, 0) == 1) S_ago_hash = t[0].h;
  }
  for (size_t i = 0; i < PH_SLOTS; i++) S_ph[i].head = -1;
  for (size_t p = 0; p < NPHRASES; p++) {
    const phrase *ph = &S_phrases[p];
    cphrase *c = &S_cph[p];
    uint64_t *ch = S_cph_h[p];
    size_t len = strlen(ph->p);
    size_t k;
    if (strchr(ph->p, '#')) {
      /* '#' is punctuation to the scanner: split by hand on spaces */
      k = 0;
      size_t i = 0;
      while (i < len && k < PH_MAXTOK) {
        while (i < len && ph->p[i] == ' ') i++;
        size_t j = i;
        while (j < len && ph->p[j] != ' ') j++;
        if (j == i) break;
        if (j - i == 1 && ph->p[i] == '#') ch[k++] = S_num_hash;
        else {
          tok tt[2];
          if (S_tokens(ph->p + i, j - i, tt, 1, 0) >= 1) ch[k++] = tt[0].h;
        }
        i = j;
      }
    } else {
      tok tt[PH_MAXTOK + 1];
      k = S_tokens(ph->p, len, tt, PH_MAXTOK, 0);
      if (k > PH_MAXTOK) k = PH_MAXTOK;
      for (size_t m = 0; m < k; m++) ch[m] = tt[m].h;
    }
    c->ntok = (unsigned char)k;
    c->kind = ph->kind;
    c->anchor = ph->anchor;
    c->maxw = ph->maxw;
    c->next = -1;
    if (!k) continue;
    uint64_t h0 = ch[0];
    size_t bb = S_bloom_bit(h0);
    S_ph_bloom[bb >> 6] |= 1ULL << (bb & 63);
    size_t i = S_slot(h0, 11);
    while (S_ph[i].head >= 0 && S_ph[i].h != h0) i = (i + 1) & (PH_SLOTS - 1);
    if (S_ph[i].head < 0) {
      S_ph[i].h = h0;
      S_ph[i].head = (int16_t)p;
    } else {
      /* append to keep table order */
      int16_t q = S_ph[i].head;
      while (S_cph[q].next >= 0) q = S_cph[q].next;
      S_cph[q].next = (int16_t)p;
    }
  }
  /* chains run in table order (next > p): the suffix maxima from the end */
  for (size_t p = NPHRASES; p-- > 0;) {
    unsigned char m = S_cph[p].maxw;
    if (S_cph[p].next >= 0 && S_cph[S_cph[p].next].rest_maxw > m) m = S_cph[S_cph[p].next].rest_maxw;
    S_cph[p].rest_maxw = m;
  }
  S_num_head = S_ph_get(S_num_hash);
}

static atomic_int S_inited;
static void S_init_once(void) {
  S_init();
  atomic_store_explicit(&S_inited, 1, memory_order_release);
}
static inline void S_ready(void) {
  if (!atomic_load_explicit(&S_inited, memory_order_acquire)) pthread_once(&S_once, S_init_once);
}

/* ---- chrome ------------------------------------------------------------------ */
static const char *const S_chrome_names[PITH_CHROME_COUNT] = {
  "none", "skip-link", "share", "follow", "subscribe", "comment-prompt", "guidelines",
  "story-tip", "cookie", "read-more", "ad", "nav", "author-box", "login", "jump",
  "photo-credit", "copyright", "other", "comment-meta"};

const char *pith_chrome_name(pith_chrome k) {
  return (unsigned)k < PITH_CHROME_COUNT ? S_chrome_names[k] : "?";
}

#define CH_MAXTOK 96

/* True when the code point is an arrow / pointer symbol used on links. */
static int S_is_arrow(uint32_t c) {
  return (c >= 0x2190 && c <= 0x21FF) || c == 0xBB || c == 0xAB || c == 0x203A || c == 0x2039 ||
         (c >= 0x25B2 && c <= 0x25C5) || (c >= 0x27A1 && c <= 0x27BF) || c == 0x2794 ||
         (c >= 0x2B05 && c <= 0x2B07);
}

/* Separators of breadcrumbs and menus: | › » • · / ▸ ► > */
static inline int S_is_sep(uint32_t c) {
  return c == '|' || c == 0x203A || c == 0xBB || c == 0x2022 || c == 0xB7 || c == '/' ||
         c == 0x25B8 || c == 0x25BA || c == '>';
}

/* What the shape rules need besides the tokens: the first and last
 * visible code points, the separator count, a copyright sign. */
typedef struct cshape {
  uint32_t first, last, seps;
  int csign;
  int single;     /* the block is one word (its parts may be several: "WhatsApp"); -1: not known yet */
  uint64_t whole; /* that word's hash, unsplit */
} cshape;

static void S_shape_scan(const char *s, size_t n, cshape *sh) {
  const unsigned char *u = (const unsigned char *)s;
  memset(sh, 0, sizeof *sh);
  size_t i = 0;
  while (i < n) {
    uint32_t c = S_cp(u, n, &i);
    if (S_is_sep(c)) sh->seps++;
    if (c == 0xA9) sh->csign = 1;
    if (S_class(c) == C_SPACE) continue;
    if (!sh->first) sh->first = c;
    sh->last = c;
  }
}

static pith_chrome S_chrome_match(const char *s, size_t n, const tok *t, size_t nt, const cshape *sh);

pith_chrome pith_chrome_kind(const char *s, size_t n) {
  if (!s || !n) return PITH_CHROME_NONE;
  if (n > 4000) return PITH_CHROME_NONE;
  S_ready();
  tok t[CH_MAXTOK];
  size_t nt = S_tokens(s, n, t, CH_MAXTOK, 1);
  cshape sh;
  S_shape_scan(s, n, &sh);
  sh.single = -1; /* looked at only when the parts match nothing */
  return S_chrome_match(s, n, t, nt, &sh);
}

/* The phrases of chain q that match at token i (their first m0 words are
 * known to match) and are longer than *best_len: the longest wins. A
 * number token matches the placeholder "#". */
static inline void S_try_chain(int16_t q, size_t m0, const tok *t, size_t nt, size_t i, int *best_len,
                        int *best_kind) {
  for (; q >= 0; q = S_cph[q].next) {
    const cphrase *c = &S_cph[q];
    if (nt > c->rest_maxw) break; /* too long a block for the rest of the chain */
    if (nt > c->maxw || c->ntok <= *best_len || i + c->ntok > nt) continue;
    if ((c->anchor & A_START) && i != 0) continue;
    if ((c->anchor & A_END) && i + c->ntok != nt) continue;
    const uint64_t *ph = S_cph_h[q];
    size_t m = m0;
    for (; m < c->ntok; m++) {
      uint64_t h = t[i + m].h;
      if (ph[m] == h) continue;
      if (ph[m] == S_num_hash && t[i + m].num) continue;
      break;
    }
    if (m < c->ntok) continue;
    *best_len = c->ntok;
    *best_kind = c->kind;
  }
}

/* The phrase matcher and shape rules over the block's tokens (nt may be
 * CH_MAXTOK + 1: too long to be chrome). */
static pith_chrome S_chrome_match(const char *s, size_t n, const tok *t, size_t nt, const cshape *sh) {
  if (nt > CH_MAXTOK) return PITH_CHROME_NONE;
  if (nt == 0) {
    /* only symbols / punctuation / arrows: chrome unless it is a lone
     * separator-free number-less mark like "***" (a section break) */
    return PITH_CHROME_OTHER;
  }
  /* "2H ago", "5 min. ago": a relative time stamp */
  if (nt <= 4 && nt >= 2 && t[nt - 1].h == S_ago_hash) return PITH_CHROME_OTHER;
  /* an image file name ("koala-rescue.jpg") */
  if (nt <= 8 && nt >= 2) {
    uint64_t h = t[nt - 1].h;
    for (int k = 0; k < 6; k++)
      if (h == S_img_hash[k]) return PITH_CHROME_PHOTO_CREDIT;
  }
  /* only numbers ("2", "1 / 5", "12 | 34"): list counters, pagers */
  if (nt <= 3) {
    size_t k = 0;
    while (k < nt && t[k].num) k++;
    if (k == nt) return PITH_CHROME_OTHER;
  }
  int best_len = 0, best_kind = PITH_CHROME_NONE;
  int16_t qv[CH_MAXTOK]; /* each token's chain (the word itself, no placeholder) */
  for (size_t i = 0; i < nt; i++) {
    int16_t q = qv[i] = S_ph_get(t[i].h);
    /* a phrase starting with a number placeholder ("# comments"): its
     * chain is walked once, as the number's own or after it */
    if (q < 0 && t[i].num) q = S_num_head;
    S_try_chain(q, 0, t, nt, i, &best_len, &best_kind);
    if (t[i].num && q != S_num_head) S_try_chain(S_num_head, 1, t, nt, i, &best_len, &best_kind);
  }
  if (best_kind == PITH_CHROME_NONE && sh->single && nt > 1) {
    /* one word in parts ("WhatsApp", "LinkedIn", "YouTube"): the word */
    tok one = {sh->whole, 0, (uint32_t)n, 0};
    int single = sh->single;
    if (single < 0) single = S_tokens(s, n, &one, 1, 0) == 1;
    if (single) S_try_chain(S_ph_get(one.h), 0, &one, 1, 0, &best_len, &best_kind);
  }
  if (best_kind != PITH_CHROME_NONE) return (pith_chrome)best_kind;

  /* "Contact Jane Roe at jroe@example.com or 555-0100.": an author's contact line */
  if (nt <= 30 && memchr(s, '@', n)) {
    static const char *const lead[] = {"contact", "email", "e-mail", "reach", "write to", "follow"};
    for (size_t k = 0; k < sizeof lead / sizeof lead[0]; k++) {
      size_t L = strlen(lead[k]);
      if (n > L && (s[0] | 0x20) == lead[k][0] && !memcmp(s + 1, lead[k] + 1, L - 1) && s[L] == ' ')
        return PITH_CHROME_AUTHOR_BOX;
    }
  }
  /* a caption ending in a credit: "... (Photo: Jane Roe/Courier)",
   * "... (AP Photo/John Doe)", "... [Foto: dpa]" */
  if (nt <= 80) {
    size_t e = n;
    while (e && (s[e - 1] == ' ' || s[e - 1] == '.')) e--;
    if (e && (s[e - 1] == ')' || s[e - 1] == ']')) {
      size_t from = nt > 8 ? nt - 8 : 0;
      for (size_t i = from; i < nt; i++)
        if (t[i].h == S_credit_hash[0] || t[i].h == S_credit_hash[1] || t[i].h == S_credit_hash[2] ||
            t[i].h == S_credit_hash[3] || t[i].h == S_credit_hash[4] || t[i].h == S_credit_hash[5])
          return PITH_CHROME_PHOTO_CREDIT;
    }
  }

  /* A short run of single-word share/social/nav items ("Facebook Twitter
   * Email"): every token is a whole-block vocabulary word. */
  if (nt >= 2 && nt <= 10) {
    int kind0 = 0;
    size_t i = 0;
    for (; i < nt; i++) {
      int16_t q = qv[i];
      int found = 0;
      for (; q >= 0; q = S_cph[q].next) {
        if (S_cph[q].ntok == 1 && S_cph[q].anchor == A_WHOLE &&
            (S_cph[q].kind == PITH_CHROME_SHARE || S_cph[q].kind == PITH_CHROME_NAV ||
             S_cph[q].kind == PITH_CHROME_LOGIN || S_cph[q].kind == PITH_CHROME_FOLLOW ||
             S_cph[q].kind == PITH_CHROME_SUBSCRIBE)) {
          if (!kind0) kind0 = S_cph[q].kind;
          found = 1;
          break;
        }
      }
      if (!found) break;
    }
    if (i == nt && kind0) return (pith_chrome)kind0;
  }

  /* Shapes without vocabulary. */
  /* a short link label ending (or starting) with an arrow */
  if (nt <= 5 && (S_is_arrow(sh->last) || (S_is_arrow(sh->first) && nt <= 3))) return PITH_CHROME_NAV;
  /* "Home | News | World" / "News › Europe": separator-heavy short lines */
  if (nt <= 16 && sh->seps >= 2 && sh->seps * 3 >= nt) return PITH_CHROME_NAV;
  /* © in a short block */
  if (nt <= 30 && sh->csign) return PITH_CHROME_COPYRIGHT;
  return PITH_CHROME_NONE;
}

/* ---- statistics ----------------------------------------------------------------- */
static const char *const S_lang_codes[PITH_LANG_COUNT] = {
  "", "en", "de", "fr", "es", "it", "pt", "nl", "ru", "ar", "zh", "ja", "id", "pl", "cs", "tr", "sv", "vi"};
const char *pith_lang_code(pith_lang l) {
  return (unsigned)l < PITH_LANG_COUNT ? S_lang_codes[l] : "";
}

static int S_zh_is_func(uint32_t c) {
  size_t lo = 0, hi = S_zh_n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (S_zh_cp[mid] == c) return 1;
    if (S_zh_cp[mid] < c) lo = mid + 1;
    else hi = mid;
  }
  return 0;
}

static inline int S_is_sentence_end(uint32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 || c == 0xFF01 ||
         c == 0xFF1F || c == 0x061F || c == 0x06D4 || c == 0xFF0E;
}
static inline int S_is_close_quote(uint32_t c) {
  return c == '"' || c == '\'' || c == ')' || c == 0x201D || c == 0x2019 || c == 0xBB ||
         c == 0x300D || c == 0x300F || c == 0xFF09 || c == ']';
}

/* Statistics; with t != NULL also the chrome matcher's tokens (words split
 * at lower->upper case changes), up to CH_MAXTOK (+1 when there are more). */
static void S_stats(const char *s, size_t n, pith_text_stats *out, tok *t, size_t *ntp, cshape *sh) {
  size_t nt = 0;
  uint64_t hp = FNV_OFF;
  size_t pstart = 0;
  int pnum = 1;
#define EMIT_PART(endpos)                                             \
  do {                                                                \
    if (t) {                                                          \
      if (nt < CH_MAXTOK) {                                           \
        t[nt].h = hp;                                                 \
        t[nt].off = (uint32_t)pstart;                                 \
        t[nt].end = (uint32_t)(endpos);                               \
        t[nt].num = (uint8_t)pnum;                                    \
      }                                                               \
      if (nt <= CH_MAXTOK) nt++;                                      \
      if (nt > CH_MAXTOK) t = NULL; /* too long for chrome: done */   \
    }                                                                 \
  } while (0)
  /* Work on a local copy: stores through `out` could alias the input. */
  pith_text_stats L;
  memset(&L, 0, sizeof L);
  pith_text_stats *st = &L;
  st->bytes = (uint32_t)(n > UINT32_MAX ? UINT32_MAX : n);
  if (!s || !n) {
    *out = L;
    if (ntp) *ntp = 0;
    return;
  }
  S_ready();
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  int in = 0, wupper = 0, hsame = 1; /* hsame: hp == h (no split in this word yet) */
  uint64_t h = FNV_OFF;
  uint32_t wletters = 0, hira = 0, zhf = 0, cased = 0;
  uint32_t word_letters = 0, nonnum_words = 0;
  uint32_t last = 0, prev_last = 0, first_letter = 0;
  uint32_t lh[PITH_LANG_COUNT];
  memset(lh, 0, sizeof lh);
  int pending_end = 0; /* saw a sentence-end mark, waiting for space/end */
  uint32_t vis_first = 0, vis_last = 0, seps = 0; /* for the shape rules */
  int csign = 0;
#define WORD_END(atpos)                                     \
  do {                                                      \
    in = 0;                                                 \
    EMIT_PART(atpos);                                       \
    st->words++;                                            \
    if (wletters) { nonnum_words++; word_letters += wletters; } \
    if (wupper) st->caps_words++;                           \
    if (h == S_copyright_hash) st->has_copyright = 1;       \
    unsigned m_ = S_stop_get(h);                            \
    while (m_) {                                            \
      lh[__builtin_ctz(m_)]++;                              \
      m_ &= m_ - 1;                                         \
    }                                                       \
  } while (0)
  while (i < n) {
    uint32_t c = u[i];
    if (c < 0x80 && S_acls[c] == C_LETTER) {
      /* fast path: a run of ASCII letters */
      if (!in) {
        in = 1;
        h = FNV_OFF;
        wletters = 0;
        wupper = c <= 'Z';
        hp = FNV_OFF;
        hsame = 1;
        pstart = i;
        pnum = 1;
        if (!first_letter) first_letter = c;
      }
      size_t j = i;
      uint32_t up = 0;
      int cam = 0; /* a capital right after a lower-case letter inside the run */
#ifdef PITH_SWAR_LE
      /* eight bytes at a time: the run's length, its capitals and its
       * hash without a branch per letter */
      uint64_t carry = 0; /* 0x80: the previous chunk ended lower-case */
      for (;;) {
        uint64_t x = 0;
        if (n - j >= 8) memcpy(&x, u + j, 8);
        else for (size_t m = 0; m < n - j; m++) x |= (uint64_t)u[j + m] << (8 * m);
        uint64_t let = S_letters8(x);
        uint64_t non = ~let & HIGH8;
        unsigned run = non ? (unsigned)__builtin_ctzll(non) >> 3 : 8;
        if (!run) break;
        uint64_t keep = run == 8 ? ~0ULL : (1ULL << (8 * run)) - 1;
        uint64_t up8 = let & (~x << 2) & keep; /* bit 5 clear: a capital */
        uint64_t lo8 = let & (x << 2) & keep;
        cam |= (up8 & ((lo8 << 8) | carry)) != 0;
        carry = (lo8 >> 56) & 0x80;
        up += (uint32_t)(((up8 >> 7) * ONES8) >> 56);
        h = S_fold8(h, (x | 0x20 * ONES8) & keep);
        j += run;
        if (run < 8) break;
      }
#else
      while (j < n && S_aletter[u[j]]) {
        up += u[j] <= 'Z';
        if (j > i && u[j] <= 'Z' && u[j - 1] >= 'a') cam = 1;
        j++;
      }
      h = S_run_hash(h, u + i, j - i);
#endif
      if (t) {
        if (hsame && !cam) {
          /* no split: the part is the whole word so far and shares its hash */
          hp = h;
        } else {
          /* the part continues; split it where a lower-case letter is
           * followed by a capital ("SubscribeSign In") */
          size_t p0 = i;
          for (size_t q = i + 1; cam && q < j; q++)
            if (u[q] <= 'Z' && u[q - 1] >= 'a') {
              hp = S_run_hash(hp, u + p0, q - p0);
              pnum = 0;
              EMIT_PART(q);
              hp = FNV_OFF;
              pstart = q;
              p0 = q;
              hsame = 0;
            }
          hp = S_run_hash(hp, u + p0, j - p0);
        }
        pnum = 0;
      }
      if (!vis_first) vis_first = c;
      vis_last = u[j - 1];
      uint32_t k = (uint32_t)(j - i);
      st->chars += k;
      st->letters += k;
      cased += k;
      wletters += k;
      st->upper += up;
      prev_last = k >= 2 ? u[j - 2] : last;
      last = u[j - 1];
      pending_end = 0;
      i = j;
      continue;
    }
    if (c == ' ') {
      if (in) WORD_END(i);
      if (pending_end) { st->sentences++; pending_end = 0; }
      i++;
      continue;
    }
    size_t at = i;
    c = S_cp(u, n, &i);
    int k = S_class(c);
    if (k != C_SPACE) {
      if (!vis_first) vis_first = c;
      vis_last = c;
    }
    if (k == C_IGNORE) continue;
    if (k == C_LETTER || k == C_DIGIT) {
      if (!in) {
        in = 1; h = FNV_OFF; wletters = 0; wupper = S_is_upper(c);
        hp = FNV_OFF; pstart = at; pnum = 1; hsame = 1;
      } else if (t && S_is_upper(c) && S_is_cased_lower(last)) {
        EMIT_PART(at);
        hp = FNV_OFF; pstart = at; pnum = 1; hsame = 0;
      }
      hp = S_mix(hp, S_lower(c));
      if (k != C_DIGIT) pnum = 0;
    }
    if (k != C_SPACE) {
      st->chars++;
      prev_last = last;
      last = c;
    }
    if (k == C_LETTER || k == C_DIGIT) {
      h = S_mix(h, S_lower(c));
      if (k == C_LETTER) {
        wletters++;
        st->letters++;
        if (!first_letter) first_letter = c;
        if (S_is_upper(c)) { st->upper++; cased++; }
        else if (S_is_cased_lower(c)) cased++;
      } else if (c < 0x80) {
        st->digits++;
      }
      pending_end = 0;
      continue;
    }
    if (in) WORD_END(at);
    if (k == C_CJK) {
      if (t) {
        hp = S_mix(FNV_OFF, c);
        pstart = at;
        pnum = 0;
        EMIT_PART(i);
      }
      st->cjk++;
      st->letters++;
      if (!first_letter) first_letter = c;
      if (c >= 0x3040 && c <= 0x309F) hira++;
      else if (S_zh_is_func(c)) zhf++;
      pending_end = 0;
      if (c == 0x3002) pending_end = 1;
      continue;
    }
    if (k == C_PUNCT) {
      st->punct++;
      st->code_marks += c == '{' || c == ';' || c == '=' || c == '<';
      if (c == 0xA9) st->has_copyright = 1, csign = 1;
      seps += S_is_sep(c);
      if (S_is_sentence_end(c)) {
        if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F) { st->sentences++; pending_end = 0; }
        else pending_end = 1;
      } else if (!S_is_close_quote(c)) {
        pending_end = 0;
      }
      continue;
    }
    /* space */
    if (pending_end) { st->sentences++; pending_end = 0; }
  }
  if (in) {
    EMIT_PART(n);
    st->words++;
    if (wletters) { nonnum_words++; word_letters += wletters; }
    if (wupper) st->caps_words++;
    if (h == S_copyright_hash) st->has_copyright = 1;
    uint32_t m = S_stop_get(h);
    if (m)
      for (int l = 1; l < PITH_LANG_COUNT; l++)
        if (m & (1u << l)) lh[l]++;
  }
  if (pending_end) st->sentences++;
  /* ends with sentence punctuation (possibly followed by a closing quote) */
  if (S_is_sentence_end(last) || last == ':' || last == ';' ||
      (S_is_close_quote(last) && (S_is_sentence_end(prev_last) || prev_last == ',')))
    st->ends_punct = 1;
  if (last == 0x3002 || last == 0xFF01 || last == 0xFF1F) st->ends_punct = 1;
  st->starts_upper = first_letter ? (uint8_t)(S_is_upper(first_letter) || !S_is_cased_lower(first_letter)) : 0;
  lh[PITH_LANG_ZH] = zhf;
  lh[PITH_LANG_JA] = hira;
  uint32_t best = 0;
  int bl = 0;
  for (int l = 1; l < PITH_LANG_COUNT; l++) {
    st->lang_hits[l] = (uint16_t)(lh[l] > 65535 ? 65535 : lh[l]);
    if (l == PITH_LANG_ZH || l == PITH_LANG_JA) continue;
    if (lh[l] > best) { best = lh[l]; bl = l; }
  }
  if (st->cjk > st->words) {
    /* CJK text: Japanese when kana is common, else Chinese */
    if (hira * 10 >= st->cjk) { bl = PITH_LANG_JA; st->stops = hira; }
    else { bl = PITH_LANG_ZH; st->stops = zhf; }
    st->stop_density = st->cjk ? (float)st->stops / (float)st->cjk : 0.f;
  } else {
    st->stops = best;
    st->stop_density = st->words ? (float)best / (float)st->words : 0.f;
  }
  st->lang = (uint8_t)bl;
  st->avg_word_len = nonnum_words ? (float)word_letters / (float)nonnum_words : 0.f;
  st->upper_ratio = cased ? (float)st->upper / (float)cased : 0.f;
  *out = L;
  if (ntp) *ntp = nt;
  if (sh) {
    sh->first = vis_first;
    sh->last = vis_last;
    sh->seps = seps;
    sh->csign = csign;
    sh->single = st->words == 1 && !st->cjk;
    sh->whole = h; /* the last word's hash: the only one when single */
  }
#undef EMIT_PART
#undef WORD_END
}

void pith_text_stats_compute(const char *s, size_t n, pith_text_stats *out) {
  S_stats(s, n, out, NULL, NULL, NULL);
}

pith_chrome pith_block_judge(const char *s, size_t n, pith_text_stats *st) {
  tok t[CH_MAXTOK];
  size_t nt = 0;
  cshape sh;
  S_stats(s, n, st, t, &nt, &sh);
  if (!s || !n || n > 4000) return PITH_CHROME_NONE;
  return S_chrome_match(s, n, t, nt, &sh);
}

uint32_t pith_text_stats_len(const pith_text_stats *st) {
  /* characters with the spaces between words (jusText counts them) */
  return st->chars + (st->words ? st->words - 1 : 0) + 2 * st->cjk;
}

/* ---- classes ----------------------------------------------------------------- */
static const char *const S_cls_names[] = {"bad", "short", "near-good", "good"};
const char *pith_block_class_name(pith_block_class c) {
  return (unsigned)c <= PITH_CLS_GOOD ? S_cls_names[c] : "?";
}

/* Stop-word density thresholds (low, high) per language: the lists here are
 * short, so they are set from their coverage of ordinary prose. */
static void S_thresholds(int lang, float *lo, float *hi) {
  switch (lang) {
  case PITH_LANG_ZH: *lo = 0.10f; *hi = 0.13f; break;
  case PITH_LANG_JA: *lo = 0.25f; *hi = 0.30f; break;
  case PITH_LANG_AR: *lo = 0.15f; *hi = 0.18f; break;
  /* inflected languages and short stop lists: fewer function words */
  case PITH_LANG_RU: case PITH_LANG_ID: case PITH_LANG_PL: case PITH_LANG_CS: case PITH_LANG_SV:
  case PITH_LANG_VI: *lo = 0.20f; *hi = 0.23f; break;
  case PITH_LANG_TR: *lo = 0.15f; *hi = 0.18f; break;
  case PITH_LANG_DE: case PITH_LANG_NL: *lo = 0.26f; *hi = 0.29f; break;
  default: *lo = 0.28f; *hi = 0.31f; break;
  }
}

#define LEN_LOW 70
#define LEN_HIGH 200
#define MAX_LINK_DENSITY 0.2

pith_block_class pith_block_class_of(const pith_text_stats *st, double link_density) {
  uint32_t len = pith_text_stats_len(st);
  if (link_density > MAX_LINK_DENSITY) return PITH_CLS_BAD;
  if (st->has_copyright && st->words < 40) return PITH_CLS_BAD;
  if (len < LEN_LOW) return link_density > 0 ? PITH_CLS_BAD : PITH_CLS_SHORT;
  float lo, hi;
  S_thresholds(st->lang, &lo, &hi);
  float sd = st->stop_density;
  if (st->lang == PITH_LANG_UNKNOWN && st->cjk == 0) {
    /* no known stop words at all: judge by sentence shape */
    if (st->sentences >= 2 && st->ends_punct && len > LEN_HIGH) return PITH_CLS_NEAR_GOOD;
    return PITH_CLS_BAD;
  }
  if (sd >= hi) return len > LEN_HIGH ? PITH_CLS_GOOD : PITH_CLS_NEAR_GOOD;
  if (sd >= lo) return PITH_CLS_NEAR_GOOD;
  return PITH_CLS_BAD;
}

double pith_block_score(const pith_text_stats *st, double link_density) {
  uint32_t len = pith_text_stats_len(st);
  if (!len) return 0.0;
  float lo, hi;
  S_thresholds(st->lang, &lo, &hi);
  /* length: 0 at 0 chars, 0.5 at ~80, -> 1 */
  double lf = (double)len / ((double)len + 80.0);
  /* stop words: 0.5 at the low threshold */
  double sd = st->stop_density;
  double sf;
  if (st->lang == PITH_LANG_UNKNOWN && st->cjk == 0) sf = 0.3;
  else {
    sf = sd / (2.0 * lo);
    if (sf > 1.0) sf = 1.0;
  }
  /* shape: sentences, final punctuation, not shouting */
  double shape = 0.5;
  if (st->ends_punct) shape += 0.25;
  if (st->sentences >= 1) shape += 0.1;
  if (st->sentences >= 2) shape += 0.1;
  if (st->upper_ratio > 0.6 && st->letters > 8) shape -= 0.3;
  if (st->words > 3 && st->caps_words * 10 > st->words * 7) shape -= 0.2; /* Title Case Menu */
  if (shape < 0) shape = 0;
  if (shape > 1) shape = 1;
  double s = 0.35 * lf + 0.4 * sf + 0.25 * shape;
  s *= (1.0 - (link_density > 1 ? 1 : link_density < 0 ? 0 : link_density));
  if (st->has_copyright && st->words < 40) s *= 0.3;
  return s < 0 ? 0 : s > 1 ? 1 : s;
}

/* jusText context revision. Works on a copy of the context-free classes. */
void pith_blocks_revise(unsigned char *cls, size_t n) {
  /* 1. short and near-good blocks look at their nearest non-short
   *    neighbours (classes as assigned before this pass). */
  /* Pass A: SHORT blocks, using nearest non-short neighbours (near-good
   * counted by their own value). */
  size_t i = 0;
  while (i < n) {
    if (cls[i] != PITH_CLS_SHORT) { i++; continue; }
    size_t j = i;
    while (j < n && cls[j] == PITH_CLS_SHORT) j++;
    int prev = i > 0 ? cls[i - 1] : PITH_CLS_BAD;
    int next = j < n ? cls[j] : PITH_CLS_BAD;
    int v;
    if (prev == PITH_CLS_GOOD && next == PITH_CLS_GOOD) v = PITH_CLS_GOOD;
    else if (prev == PITH_CLS_BAD && next == PITH_CLS_BAD) v = PITH_CLS_BAD;
    else if ((prev == PITH_CLS_BAD && next == PITH_CLS_NEAR_GOOD) ||
             (prev == PITH_CLS_NEAR_GOOD && next == PITH_CLS_BAD)) {
      /* jusText: look further for a good neighbour beyond the near-good */
      v = PITH_CLS_BAD;
      size_t k;
      if (prev == PITH_CLS_NEAR_GOOD) {
        for (k = i; k-- > 0;) {
          if (cls[k] == PITH_CLS_GOOD) { v = PITH_CLS_GOOD; break; }
          if (cls[k] == PITH_CLS_BAD) break;
        }
      } else {
        for (k = j; k < n; k++) {
          if (cls[k] == PITH_CLS_GOOD) { v = PITH_CLS_GOOD; break; }
          if (cls[k] == PITH_CLS_BAD) break;
        }
      }
      if (v == PITH_CLS_GOOD) v = PITH_CLS_NEAR_GOOD; /* settled below with the near-goods */
    } else if (prev == PITH_CLS_NEAR_GOOD && next == PITH_CLS_NEAR_GOOD) {
      v = PITH_CLS_NEAR_GOOD;
    } else {
      v = PITH_CLS_GOOD; /* good on one side, near-good on the other */
    }
    for (size_t k = i; k < j; k++) cls[k] = (unsigned char)(v == PITH_CLS_NEAR_GOOD ? 200 : v);
    i = j;
  }
  /* Pass B: NEAR_GOOD (and short runs pending as 200) become GOOD when a
   * GOOD block is the nearest decided neighbour on either side. */
  for (i = 0; i < n; i++) {
    if (cls[i] != PITH_CLS_NEAR_GOOD && cls[i] != 200) continue;
    int good = 0;
    for (size_t k = i; k-- > 0;) {
      if (cls[k] == PITH_CLS_GOOD) { good = 1; break; }
      if (cls[k] == PITH_CLS_BAD) break;
    }
    if (!good)
      for (size_t k = i + 1; k < n; k++) {
        if (cls[k] == PITH_CLS_GOOD) { good = 1; break; }
        if (cls[k] == PITH_CLS_BAD) break;
      }
    cls[i] = (unsigned char)(good ? 201 : PITH_CLS_BAD);
  }
  for (i = 0; i < n; i++)
    if (cls[i] == 201) cls[i] = PITH_CLS_GOOD;
}
