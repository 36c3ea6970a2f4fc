/**
 * Strings readers might send to make a page run their code or break its markup. Gathered
 * from the usual XSS cheat sheets and "big list of naughty strings" categories.
 */
export const NAUGHTY_COMMENTS: string[] = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "<svg/onload=alert(1)>",
  '<a href="javascript:alert(1)">click</a>',
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](java\tscript:alert(1))",
  "[click](&#x6A;avascript:alert(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[x](vbscript:msgbox(1))",
  "<javascript:alert(1)>",
  "![x](javascript:alert(1))",
  "[ref][1]\n\n[1]: javascript:alert(1)",
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<iframe src="https://evil.example"></iframe>',
  '<object data="x.swf"></object><embed src=x>',
  "<style>body{display:none}</style>",
  '<base href="https://evil.example/">',
  "<form action=https://evil.example><button>Win</button></form>",
  "<details open ontoggle=alert(1)>",
  "<!-- <script>alert(1)</script> -->",
  "]]><script>alert(1)</script>",
  "{{ site.name }} {% raw %} {{ 7*7 }} ${7*7}",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "\u202Egnp.exe\u202C and zero\u200Bwidth",
  "Ω≈ç√∫˜µ≤≥÷ 田中さんにあげて下さい 🐵🙈 ",
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  "`<script>` in code and\n\n    <script>alert(1)</script>\n",
];

export const NAUGHTY_NAMES: string[] = [
  "<script>alert('name')</script>",
  '" onmouseover="alert(1)',
  "Robert'); DROP TABLE replies;--",
  "{{ 7*7 }}",
];

export const NAUGHTY_URLS: string[] = [
  'https://example.com/"><script>alert(1)</script>',
  "https://example.com/?q=<img src=x onerror=alert(1)>",
];
