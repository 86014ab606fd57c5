const Stripe = require('stripe');
const stripe = new Stripe(process.env.STRIPE_KEY);

exports.handler = async (event) => {
  const sig = event.headers['stripe-signature'];
  const ev = stripe.webhooks.constructEvent(event.body, sig, process.env.WEBHOOK_SECRET);
  return { statusCode: 200, body: ev.id };
};
