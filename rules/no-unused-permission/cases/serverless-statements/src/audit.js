exports.handler = async (event) => {
  for (const r of event.Records) console.log('audit', r.messageId);
};
