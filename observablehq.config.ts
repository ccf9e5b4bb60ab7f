// Observable Framework configuration of the bureau's dashboard (built offline into dist/).
export default {
  // JIXIAO_SITE_ROOT: each `jixiao site` build runs on its own copy of dashboard/ (pipeline/jobs/site.ts)
  root: process.env.JIXIAO_SITE_ROOT ?? 'dashboard',
  // JIXIAO_SITE_OUT lets tests build elsewhere without touching dist/
  output: process.env.JIXIAO_SITE_OUT ?? 'dist',
  title: '绩效自评复核看板',
  lang: 'zh-CN',
  pages: [
    { name: '总览', path: '/' },
    { name: '异常', path: '/anomalies' },
    { name: '单位', path: '/unit' },
    { name: '区划', path: '/region' },
    { name: '规则', path: '/rules' },
    { name: '数据质量', path: '/quality' },
    { name: 'SQL 指南', path: '/sql' },
  ],
  // no web fonts: the default stylesheets load one from Google, which these machines cannot reach
  globalStylesheets: [],
  style: 'style.css',
  // dist/ must work on any static server (python3 -m http.server): keep the .html in links
  cleanUrls: false,
  // no favicon request (it would be a 404 on a plain static server)
  head: '<link rel="icon" href="data:,">',
  search: false,
  pager: false,
  footer: '由 jixiao 根据共享目录中的自评报告生成。报告原文中的手机号、身份证号已脱敏。',
};
