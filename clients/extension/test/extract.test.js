import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

import { extractJob } from '../src/extract.js';

const fixturesDir = new URL('./fixtures/', import.meta.url);

function pageFrom(html, url) {
  const { window } = new JSDOM(html, { url });
  return { document: window.document, location: window.location };
}

function extractFixture(name, url) {
  const page = pageFrom(readFileSync(new URL(name, fixturesDir), 'utf8'), url);
  return extractJob(page.document, page.location);
}

test('JSON-LD JobPosting: the loopback fixture used by the end-to-end test', () => {
  const job = extractFixture('job_posting.html', 'http://127.0.0.1:8765/job_posting.html?utm_source=test&utm_campaign=x');
  assert.equal(job.job_title, 'Senior Platform Engineer');
  assert.equal(job.company, 'Acme Robotics');
  assert.equal(job.location, 'Berlin, Germany');
  assert.equal(job.job_url, 'http://127.0.0.1:8765/job_posting.html');
  assert.equal(job.via, 'json-ld');
  assert.match(job.description, /^Acme Robotics builds the fleet software/);
  assert.doesNotMatch(job.description, /<\w+>/, 'HTML tags are stripped');
  assert.ok(job.description.length <= 501, `snippet is capped, got ${job.description.length}`);
});

test('JSON-LD @graph: skips a broken block, handles arrays, string organisation and escaped HTML', () => {
  const job = extractFixture('jsonld_graph.html', 'https://careers.stark.example/jobs/4411');
  assert.equal(job.job_title, 'Firmware Engineer');
  assert.equal(job.company, 'Stark Industries');
  assert.equal(job.location, 'Austin, TX, US; Remote (US)');
  assert.equal(job.description, 'Write firmware for arc reactors & suits.');
  assert.equal(job.job_url, 'https://careers.stark.example/jobs/4411?dept=eng', 'canonical link without utm_*');
});

test('JSON-LD without a location takes it from the board markup', () => {
  const html = `<title>x</title>
    <script type="application/ld+json">[{"@type": "BreadcrumbList"},
      {"@type": "JobPosting", "title": "SRE", "hiringOrganization": {"name": "Globex"}}]</script>
    <h1 class="top-card-layout__title">Ignored title</h1>
    <span class="topcard__flavor--bullet">Remote</span>`;
  const page = pageFrom(html, 'https://www.linkedin.com/jobs/view/1');
  const job = extractJob(page.document, page.location);
  assert.equal(job.job_title, 'SRE');
  assert.equal(job.company, 'Globex');
  assert.equal(job.location, 'Remote');
  assert.equal(job.via, 'json-ld+linkedin');
});

test('JSON-LD telecommute posting without a place is Remote', () => {
  const html = `<script type="application/ld+json">{"@type": "JobPosting", "title": "Writer",
    "hiringOrganization": "Acme", "jobLocationType": "TELECOMMUTE"}</script>`;
  const page = pageFrom(html, 'https://acme.example/jobs/9');
  assert.equal(extractJob(page.document, page.location).location, 'Remote');
});

test('LinkedIn markup, canonical URL, script text left out of the description', () => {
  const job = extractFixture('linkedin.html', 'https://www.linkedin.com/jobs/view/3812345678/?trk=public_jobs&refId=abc');
  assert.equal(job.job_title, 'Backend Engineer');
  assert.equal(job.company, 'Globex Corporation');
  assert.equal(job.location, 'Springfield, OR');
  assert.equal(job.job_url, 'https://www.linkedin.com/jobs/view/backend-engineer-at-globex-3812345678');
  assert.equal(job.via, 'linkedin');
  assert.match(job.description, /^Globex is looking for a Backend Engineer/);
  assert.doesNotMatch(job.description, /tracking/);
});

test('Indeed markup: "- job post" suffix dropped, job key kept, tracking params dropped', () => {
  const job = extractFixture('indeed.html', 'https://www.indeed.com/viewjob?jk=abc123&from=serp&tk=1h2&utm_source=x#apply');
  assert.equal(job.job_title, 'Data Analyst');
  assert.equal(job.company, 'Initrode');
  assert.equal(job.location, 'Springfield, IL 62701');
  assert.equal(job.job_url, 'https://www.indeed.com/viewjob?jk=abc123');
  assert.equal(job.description, 'Initrode needs a Data Analyst to turn TPS reports into dashboards. SQL, spreadsheets and patience required.');
});

test('Greenhouse markup is recognised by its elements on any host', () => {
  const job = extractFixture('greenhouse.html', 'http://127.0.0.1:9000/greenhouse.html?gh_jid=4051&gh_src=abc');
  assert.equal(job.job_title, 'QA Analyst');
  assert.equal(job.company, 'Initech');
  assert.equal(job.location, 'Austin, TX');
  assert.equal(job.job_url, 'http://127.0.0.1:9000/greenhouse.html?gh_jid=4051');
  assert.equal(job.via, 'greenhouse');
});

test('Lever markup: company from the logo, else from the "Company - Title" page title', () => {
  const url = 'https://jobs.lever.co/hooli/0b1c?lever-source=LinkedIn';
  const job = extractFixture('lever.html', url);
  assert.equal(job.job_title, 'Data Scientist');
  assert.equal(job.company, 'Hooli');
  assert.equal(job.location, 'Palo Alto, CA');
  assert.equal(job.job_url, 'https://jobs.lever.co/hooli/0b1c');
  assert.match(job.description, /^Hooli is making the world a better place/);

  const page = pageFrom(readFileSync(new URL('lever.html', fixturesDir), 'utf8'), url);
  page.document.querySelector('.main-header-logo').remove();
  page.document.title = 'Pied Piper - Data Scientist';
  assert.equal(extractJob(page.document, page.location).company, 'Pied Piper');
});

test('Workday markup: company from og:site_name, else the tenant sub-domain', () => {
  const url = 'https://umbrella.wd5.myworkdayjobs.com/en-US/careers/job/Raccoon-City/Supply-Chain-Planner_R-1042';
  const job = extractFixture('workday.html', url);
  assert.equal(job.job_title, 'Supply Chain Planner');
  assert.equal(job.company, 'umbrella');
  assert.equal(job.location, 'Raccoon City, MO');
  assert.equal(job.description, 'Plan and balance supply for our pharmaceutical distribution network.');

  const page = pageFrom(readFileSync(new URL('workday.html', fixturesDir), 'utf8'), url);
  page.document.head.insertAdjacentHTML('beforeend', '<meta property="og:site_name" content="Umbrella Corporation">');
  assert.equal(extractJob(page.document, page.location).company, 'Umbrella Corporation');
});

test('plain page: "Title at Company" document title and visible body text', () => {
  const job = extractFixture('plain.html', 'https://wayne.example/careers/junior-designer');
  assert.equal(job.job_title, 'Junior Designer');
  assert.equal(job.company, 'Wayne Enterprises');
  assert.equal(job.location, '');
  assert.equal(job.job_url, 'https://wayne.example/careers/junior-designer');
  assert.equal(job.via, 'title');
  assert.equal(job.description, 'We are looking for a Junior Designer to join our Gotham studio. Portfolio required.');
});

test('document title patterns', () => {
  const cases = [
    ['Staff Engineer - Umbrella Corp | Careers', 'Staff Engineer', 'Umbrella Corp'],
    ['Staff Engineer | Umbrella Corp', 'Staff Engineer', 'Umbrella Corp'],
    ['Staff Engineer – Umbrella Corp', 'Staff Engineer', 'Umbrella Corp'],
    ['Job Application for Staff Engineer at Umbrella Corp', 'Staff Engineer', 'Umbrella Corp'],
    ['Staff Engineer', 'Staff Engineer', ''],
  ];
  for (const [title, jobTitle, company] of cases) {
    const page = pageFrom(`<title>${title}</title>`, 'https://example.com/job');
    const job = extractJob(page.document, page.location);
    assert.deepEqual([job.job_title, job.company], [jobTitle, company], title);
  }
});

test('long descriptions are cut to about 500 characters at a word boundary', () => {
  const words = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
  const page = pageFrom(`<title>A at B</title><main><p>${words}</p></main>`, 'https://example.com/');
  const { description } = extractJob(page.document, page.location);
  assert.ok(description.length <= 501 && description.length > 400, `length ${description.length}`);
  assert.match(description, /word\d+…$/);
});

test('extractJob is self-contained, as chrome.scripting.executeScript({func}) requires', () => {
  // executeScript re-creates the function from its source text in the page,
  // so it must work without the module scope it was written in.
  const rebuilt = new Function(`return (${extractJob.toString()});`)();
  const page = pageFrom(readFileSync(new URL('job_posting.html', fixturesDir), 'utf8'), 'http://127.0.0.1/job');
  assert.deepEqual(rebuilt(page.document, page.location), extractJob(page.document, page.location));
});
