// Text for the demo traces: a support chatbot for an online store and a research agent.
export const SUPPORT_SYSTEM =
  "You are Loupe Store's support assistant. Answer from the help-center articles provided. If an order is involved, look it up with the lookup_order tool. Be concise and friendly.";

export const SUPPORT_TOPICS = [
  { q: "Where is my order #{order}? It was supposed to arrive yesterday.", a: "Your order #{order} left our warehouse on Monday and is with the carrier. The latest scan shows it in your city; delivery is expected today by 6 pm.", doc: "Shipping times: standard delivery takes 3-5 business days. Tracking updates within 24 hours of dispatch.", tool: true },
  { q: "How do I return a pair of shoes that don't fit?", a: "You can return unworn shoes within 30 days. Open Orders → Return item, print the prepaid label, and drop the parcel at any carrier point. Your refund arrives 3-5 days after we receive it.", doc: "Returns: items can be returned within 30 days if unused. Shoes must be in their original box.", tool: false },
  { q: "Can I change the delivery address for order #{order}?", a: "I've checked order #{order}: it has not shipped yet, so the address can still be changed. Use Orders → Edit address, or reply with the new address and I'll update it.", doc: "Address changes are possible until the order is dispatched.", tool: true },
  { q: "Do you ship to Canada?", a: "Yes, we ship to Canada. Delivery takes 5-8 business days and import duties are included at checkout.", doc: "International shipping: we ship to the EU, UK, Canada and Australia. Duties are prepaid.", tool: false },
  { q: "My discount code SAVE20 isn't working.", a: "SAVE20 expired on the 1st of this month. The current offer is WINTER15 for 15% off orders over $50.", doc: "Promotions: SAVE20 valid until the end of last month. WINTER15 active, minimum order $50.", tool: false },
  { q: "I was charged twice for order #{order}.", a: "I see two authorisations for order #{order}, but only one was captured. The duplicate hold will disappear from your statement within 5 business days.", doc: "Payments: pre-authorisations that are not captured are released by the bank within 3-7 days.", tool: true },
];

export const SUPPORT_FOLLOWUPS = [
  { q: "Thanks! And can I get it gift-wrapped?", a: "Gift wrapping can be added to orders that haven't shipped for $4.99. Yours has already left the warehouse, so it can't be added this time." },
  { q: "Ok, how long does the refund take?", a: "Refunds are issued within 3-5 business days after the return is received." },
  { q: "Can I talk to a human?", a: "Of course. I've created a ticket and an agent will email you within 24 hours." },
];

export const RESEARCH_QUESTIONS = [
  "Summarise the latest research on retrieval-augmented generation evaluation.",
  "Compare the energy efficiency of heat pumps and gas boilers in cold climates.",
  "What are the main causes of the 2008 financial crisis?",
  "How do mixture-of-experts language models reduce inference cost?",
  "What is the current evidence on intermittent fasting and longevity?",
  "Explain how CRISPR base editing differs from prime editing.",
];

export const SEARCH_RESULTS = [
  { title: "A survey of evaluation methods", url: "https://example.org/survey", snippet: "We review 120 papers and group methods into reference-based, reference-free and LLM-as-judge approaches." },
  { title: "Benchmarking in the wild", url: "https://example.org/benchmarks", snippet: "Static benchmarks overestimate real-world performance by 12-30%." },
  { title: "Field study, 2025", url: "https://example.org/field-study", snippet: "Across 1,200 installations, measured efficiency differed from lab figures by up to 18%." },
  { title: "Review article", url: "https://example.org/review", snippet: "The consensus view attributes the effect to three interacting factors." },
];

export const USERS = ["alice@acme.io", "bob@acme.io", "carol@globex.com", "dan@initech.com", "erin@umbrella.dev", "frank@hooli.com", "grace@piedpiper.com", "heidi@stark.io"];
export const RELEASES = ["v1.4.0", "v1.4.1", "v1.5.0"];
