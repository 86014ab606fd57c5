const { MongoClient } = require('mongodb');

const client = new MongoClient(process.env.MONGO_URL);

exports.handler = async (event) => {
  const products = client.db('shop').collection('products');
  const { filter, minPrice, name } = event.arguments;
  // A query object chosen by the caller can hold operators such as $ne or $regex.
  // ruleid: no-event-data-in-nosql-query
  const matching = await products.find(filter).toArray();
  // $where runs JavaScript on the server.
  // ruleid: no-event-data-in-nosql-query
  const cheap = await products.find({ $where: `this.price < ${minPrice}` }).toArray();
  // A field compared with a string the caller sent: the value cannot become an operator.
  // ok: no-event-data-in-nosql-query
  const byName = await products.findOne({ name: String(name) });
  // Who is calling comes from AppSync's authentication, not from the arguments.
  // ok: no-event-data-in-nosql-query
  const mine = await products.find({ owner: event.identity.sub, $where: `this.owner == '${event.identity.sub}'` }).toArray();
  return { matching, cheap, byName, mine };
};
