// Reads a job posting out of a web page.
//
// `extractJob` must stay SELF-CONTAINED: the popup passes it to
// `chrome.scripting.executeScript({func: extractJob})`, which serialises the
// function's source and runs it inside the page, so it may not refer to
// anything outside its own body (no imports, no module-level helpers).
// Everything it needs is therefore declared inside it.
//
// extractJob(doc, loc) -> {job_title, company, location, job_url, description, via}
//   doc: a Document (the page's, or a jsdom one in tests)
//   loc: a Location-like object with at least `href` and `hostname`
// Every field is a trimmed string ("" when unknown). `via` names the sources
// that supplied fields, e.g. "json-ld" or "greenhouse+title".

export function extractJob(doc = document, loc = location) {
  const DESCRIPTION_LENGTH = 500;

  // Query parameters that identify a click, not a posting; dropping them lets the
  // same job captured from two links map to one URL.
  const TRACKING_PARAMS = [
    /^utm_/i, /^gclid$/i, /^fbclid$/i, /^msclkid$/i, /^mc_[ce]id$/i, /^_hs(enc|mi)$/i,
    /^trk/i, /^refId$/i, /^trackingId$/i, /^ref$/i, /^src$/i, /^gh_src$/i,
    /^lever-(source|origin)/i, /^from$/i, /^tk$/i,
  ];

  // Known job boards. A board applies when the host matches or, for pages we
  // cannot tell by host (embedded boards, local copies), when its signature
  // element is present.
  const BOARDS = [
    {
      name: 'linkedin',
      host: /(^|\.)linkedin\.com$/i,
      signature: '.top-card-layout__title, .job-details-jobs-unified-top-card__job-title',
      title: ['.job-details-jobs-unified-top-card__job-title h1', '.job-details-jobs-unified-top-card__job-title',
        'h1.top-card-layout__title', '.topcard__title'],
      company: ['.job-details-jobs-unified-top-card__company-name a', '.job-details-jobs-unified-top-card__company-name',
        'a.topcard__org-name-link', '.topcard__org-name-link', '.topcard__flavor'],
      location: ['.job-details-jobs-unified-top-card__primary-description-container .tvm__text',
        '.job-details-jobs-unified-top-card__bullet', '.topcard__flavor--bullet'],
      description: ['.jobs-description__content', '#job-details', '.show-more-less-html__markup', '.description__text'],
    },
    {
      name: 'indeed',
      host: /(^|\.)indeed\.[a-z.]+$/i,
      signature: '#jobDescriptionText, .jobsearch-JobInfoHeader-title',
      title: ['[data-testid="jobsearch-JobInfoHeader-title"]', 'h1.jobsearch-JobInfoHeader-title'],
      company: ['[data-testid="inlineHeader-companyName"]', '[data-company-name="true"]',
        '.jobsearch-CompanyInfoContainer a', '.jobsearch-InlineCompanyRating > div:first-child'],
      location: ['[data-testid="inlineHeader-companyLocation"]', '[data-testid="job-location"]',
        '.jobsearch-JobInfoHeader-subtitle > div:last-child'],
      description: ['#jobDescriptionText'],
    },
    {
      name: 'greenhouse',
      host: /(^|\.)greenhouse\.io$/i,
      signature: '#header .app-title, .job__title',
      title: ['.job__title h1', '#header .app-title', 'h1.app-title'],
      company: ['#header .company-name', '.company-name'],
      location: ['.job__location', '#header .location', '.location'],
      description: ['.job__description', '#content'],
    },
    {
      name: 'lever',
      host: /(^|\.)lever\.co$/i,
      signature: '.posting-headline',
      title: ['.posting-headline h2'],
      company: ['.main-header-logo img[alt]@alt', '.main-footer-text a'],
      // Lever titles its pages "Company - Title".
      companyFallback: () => titleSegments(doc.title)[0] || '',
      location: ['.posting-categories .location', '.posting-categories .sort-by-time'],
      description: ['[data-qa="job-description"]', '.section-wrapper .section.page-centered'],
    },
    {
      name: 'workday',
      host: /(^|\.)(myworkdayjobs|myworkdaysite|workday)\.com$/i,
      signature: '[data-automation-id="jobPostingHeader"]',
      title: ['[data-automation-id="jobPostingHeader"]'],
      company: [],
      companyFallback: workdayCompany,
      location: ['[data-automation-id="locations"] dd', '[data-automation-id="locations"]'],
      description: ['[data-automation-id="jobPostingDescription"]'],
    },
  ];

  function clean(text) {
    return String(text ?? '').replace(/\s+/g, ' ').trim();
  }

  function truncate(text, length) {
    if (text.length <= length) return text;
    const cut = text.slice(0, length);
    const lastSpace = cut.lastIndexOf(' ');
    // Cut at a word boundary unless that would throw away most of the snippet.
    return (lastSpace > length * 0.8 ? cut.slice(0, lastSpace) : cut).trim() + '…';
  }

  function meta(name) {
    const element = doc.querySelector(`meta[property="${name}"], meta[name="${name}"]`);
    return clean(element?.getAttribute('content'));
  }

  // "selector@attr" reads an attribute instead of the text.
  function firstText(selectors) {
    for (const spec of selectors) {
      const [selector, attribute] = spec.split('@');
      const element = doc.querySelector(selector);
      const value = clean(attribute ? element?.getAttribute(attribute) : element && visibleText(element));
      if (value) return value;
    }
    return '';
  }

  // textContent also returns <script>/<style> bodies, so walk text nodes instead
  // and stop once there is enough for a snippet.
  function visibleText(root, limit = Infinity) {
    const SHOW_TEXT = 4;
    const skipped = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
    const walker = doc.createTreeWalker(root, SHOW_TEXT);
    let text = '';
    while (walker.nextNode() && text.length < limit) {
      const parent = walker.currentNode.parentElement;
      if (parent && skipped.has(parent.tagName)) continue;
      text += walker.currentNode.nodeValue + ' ';
    }
    return text;
  }

  // JSON-LD descriptions are HTML, sometimes entity-escaped twice.
  function htmlToText(html) {
    let text = String(html ?? '');
    for (let pass = 0; pass < 2 && /<[a-z!/][^>]*>|&[a-z#0-9]+;/i.test(text); pass += 1) {
      // A <template> parses without running scripts or fetching images.
      const template = doc.createElement('template');
      template.innerHTML = text;
      text = visibleText(template.content);
    }
    return clean(text);
  }

  function isJobPosting(node) {
    const type = node?.['@type'];
    return Array.isArray(type) ? type.includes('JobPosting') : type === 'JobPosting';
  }

  // Flattens arrays and @graph containers into candidate nodes.
  function jsonLdNodes(value) {
    if (Array.isArray(value)) return value.flatMap(jsonLdNodes);
    if (!value || typeof value !== 'object') return [];
    return [value, ...jsonLdNodes(value['@graph'])];
  }

  function findJobPosting() {
    for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
      let data;
      try {
        data = JSON.parse(script.textContent);
      } catch {
        continue; // Broken markup on one block must not hide a later valid one.
      }
      const posting = jsonLdNodes(data).find(isJobPosting);
      if (posting) return posting;
    }
    return null;
  }

  function organizationName(organization) {
    if (typeof organization === 'string') return clean(organization);
    if (Array.isArray(organization)) return organizationName(organization[0]);
    return clean(organization?.name);
  }

  function addressText(address) {
    if (typeof address === 'string') return clean(address);
    if (!address || typeof address !== 'object') return '';
    const country = typeof address.addressCountry === 'object' ? address.addressCountry?.name : address.addressCountry;
    const parts = [address.addressLocality, address.addressRegion, country].map(clean).filter(Boolean);
    return [...new Set(parts)].join(', ');
  }

  function placeText(place) {
    if (typeof place === 'string') return clean(place);
    return addressText(place?.address) || clean(place?.name);
  }

  function jsonLdLocation(posting) {
    const places = [].concat(posting.jobLocation ?? []);
    const text = [...new Set(places.map(placeText).filter(Boolean))].join('; ');
    if (text) return text;
    return /TELECOMMUTE/i.test(String(posting.jobLocationType ?? '')) ? 'Remote' : '';
  }

  function fromJsonLd() {
    const posting = findJobPosting();
    if (!posting) return null;
    return {
      via: 'json-ld',
      job_title: clean(posting.title || posting.name),
      company: organizationName(posting.hiringOrganization),
      location: jsonLdLocation(posting),
      description: htmlToText(posting.description),
      url: typeof posting.url === 'string' ? posting.url : '',
    };
  }

  function matchingBoard() {
    return BOARDS.find((board) => board.host.test(loc.hostname || ''))
      || BOARDS.find((board) => doc.querySelector(board.signature));
  }

  // Workday shows the employer only in the page chrome; its sub-domain is the
  // tenant name, a fair guess the user can correct.
  function workdayCompany() {
    return meta('og:site_name') || clean((loc.hostname || '').split('.')[0]);
  }

  function fromBoard() {
    const board = matchingBoard();
    if (!board) return null;
    const descriptionElement = board.description.map((s) => doc.querySelector(s)).find(Boolean);
    return {
      via: board.name,
      job_title: firstText(board.title).replace(/\s*-\s*job post$/i, ''),
      company: firstText(board.company).replace(/^at\s+/i, '').replace(/\s+logo$/i, '')
        || board.companyFallback?.() || '',
      location: firstText(board.location).replace(/^[•·]\s*/, ''),
      description: descriptionElement ? clean(visibleText(descriptionElement, DESCRIPTION_LENGTH * 2)) : '',
      url: '',
    };
  }

  function titleSegments(title) {
    return clean(title).split(/\s+[-|–—]\s+/).filter(Boolean);
  }

  // "Title at Company", "Job Application for Title at Company",
  // "Title - Company", "Title | Company - Site".
  function splitTitle(rawTitle) {
    const segments = titleSegments(clean(rawTitle).replace(/^job application for\s+/i, ''));
    const atMatch = /^(.+?)\s+at\s+(.+)$/i.exec(segments[0] || '');
    if (atMatch) return { job_title: atMatch[1], company: atMatch[2] };
    return { job_title: segments[0] || '', company: segments[1] || '' };
  }

  function fromTitle() {
    const { job_title, company } = splitTitle(doc.title || meta('og:title'));
    return {
      via: 'title',
      job_title,
      company: company || meta('og:site_name'),
      location: '',
      description: meta('og:description') || meta('description'),
      url: '',
    };
  }

  function pageText() {
    const root = doc.querySelector('main, article, [role="main"]') || doc.body;
    return root ? clean(visibleText(root, DESCRIPTION_LENGTH * 2)) : '';
  }

  function withoutTracking(rawUrl) {
    let url;
    try {
      url = new URL(rawUrl, loc.href);
    } catch {
      return '';
    }
    if (!/^https?:$/.test(url.protocol)) return '';
    for (const key of [...url.searchParams.keys()]) {
      if (TRACKING_PARAMS.some((pattern) => pattern.test(key))) url.searchParams.delete(key);
    }
    url.hash = '';
    return url.href;
  }

  function jobUrl(candidates) {
    const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
    const sources = [canonical, meta('og:url'), ...candidates, loc.href];
    return sources.map((source) => (source ? withoutTracking(source) : '')).find(Boolean) || '';
  }

  // Earlier sources win field by field, so a JSON-LD block without a location
  // still gets one from the board markup.
  function merge(sources) {
    const used = new Set();
    const pick = (field) => {
      const source = sources.find((candidate) => candidate[field]);
      if (!source) return '';
      used.add(source);
      return source[field];
    };
    const job = {
      job_title: pick('job_title'),
      company: pick('company'),
      location: pick('location'),
      job_url: jobUrl(sources.map((source) => source.url)),
      description: truncate(pick('description') || pageText(), DESCRIPTION_LENGTH),
    };
    const via = sources.filter((source) => used.has(source)).map((source) => source.via);
    return { ...job, via: via.join('+') || 'page' };
  }

  return merge([fromJsonLd(), fromBoard(), fromTitle()].filter(Boolean));
}
