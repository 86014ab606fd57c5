// Function URL: GET /?url=... returns an HTML preview of the page.
export const handler = async (event) => {
  const target = event.queryStringParameters?.url;
  const page = await fetch(target);
  const title = (await page.text()).match(/<title>(.*?)<\/title>/)?.[1] ?? target;
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'text/html' },
    body: `<h1>Preview of ${target}</h1><p>${title}</p>`,
  };
};
