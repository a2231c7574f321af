"""Domain words for the reference commissioning themes, written from knowledge of UK
social-care commissioning (not from any workshop's comments). Phrases count more than
single words. Keys are the theme ids of the reference codebook; other codebooks use their
own labels, descriptions and keywords."""

DOMAIN_TERMS: dict[str, tuple[str, ...]] = {
    "quality": (
        "quality", "quality assurance", "standard", "minimum standards", "CQC", "inspection",
        "inspect", "accredit", "accreditation", "kite mark", "kitemark", "monitor",
        "monitoring", "good care", "outcome for the person", "safeguarding", "complaint",
        "audit", "assure", "assurance", "excellent", "poor care", "reliable", "benchmark",
        "interpersonal", "dignity", "what good looks like", "quality criteria",
    ),
    "accountability": (
        "accountability", "accountable", "responsibility", "responsible", "duty of care",
        "risk", "liability", "liable", "transfer of risk", "role", "roles and responsibilities",
        "broker", "brokerage", "main contractor", "sub-contractor", "subcontractor", "delegate",
        "who is responsible", "care manager", "blame", "oversight", "governance", "insurance",
        "clarity", "discharge", "obligation",
    ),
    "cost": (
        "price", "pricing", "cost", "costs", "unit cost", "value for money", "budget",
        "funding", "fund", "double funding", "overcharge", "over-charging", "overcharged",
        "expensive", "cheap", "afford", "money", "fee", "rate", "hourly rate", "price transparency",
        "breakdown of price", "savings", "overhead", "financial", "payment", "pay",
        "you get what you pay for", "quote", "quotes",
    ),
    "market": (
        "market", "market shaping", "provider market", "small provider", "smaller providers",
        "micro provider", "micro-provider", "micro-providers", "local provider", "specialist provider",
        "third sector", "voluntary sector", "charity", "new providers", "enter the market",
        "market entry", "competition", "competitor", "competitors", "compete", "in-house",
        "diversity", "sustainable market", "number of providers", "range of providers",
        "large provider", "larger providers", "exit", "niche", "innovation", "innovative",
        "monopoly", "shrink",
    ),
    "choice": (
        "choice", "choose", "control", "personal budget", "personal budgets", "budget holder",
        "budget holders", "self funder", "self-funder", "self funders", "self-funders",
        "individual service fund", "ISF", "direct payment", "personalisation", "personalised",
        "person-centred", "person centred", "flexible", "flexibility", "needs-led", "needs led",
        "individual", "bespoke", "tailored", "preference", "coverage", "rural",
        "sparsely populated", "access", "social capital",
    ),
    "collaboration": (
        "collaboration", "collaborate", "partnership", "partner", "partners", "consortia",
        "consortium", "relationship", "relationships", "trust", "co-production", "coproduction",
        "co-produce", "network", "networking", "forum", "forums", "joint working", "work together",
        "working together", "cooperation", "co-operation", "cooperative", "engage",
        "engagement", "strategic partnership", "alliance", "pool resources", "share learning",
    ),
    "capacity": (
        "capacity", "bureaucracy", "bureaucratic", "paperwork", "forms", "admin",
        "administration", "administrative", "burden", "time consuming", "time-consuming",
        "red tape", "support for providers", "provider development", "hub", "hubs",
        "business planning", "development support", "lack the capacity", "resources",
        "overstretched", "skills gap", "training for providers", "help providers",
    ),
    "information": (
        "information", "inform", "informed", "advice", "advise", "advocacy", "advocate",
        "signpost", "signposting", "hotline", "helpline", "awareness", "awareness raising",
        "communication", "communicate", "data", "data sharing", "share information",
        "sharing information", "publicity", "leaflet", "website", "library", "libraries",
        "outreach", "know about", "aware", "explain", "transparency of information",
    ),
    "workforce": (
        "workforce", "staff", "staffing", "care worker", "care workers", "carer", "carers",
        "employee", "employees", "employment", "employment law", "TUPE", "recruit",
        "recruitment", "retention", "retain", "morale", "demoralise", "demoralised", "training",
        "skills", "wages", "pay rates", "job security", "jobs", "redundancy", "workers",
        "personal assistant", "cleaning staff",
    ),
    "process": (
        "procurement", "procure", "tender", "tendering", "mini-tender", "mini-tendering",
        "mini tender", "mini tendering", "contract", "contracts", "contracting", "framework",
        "framework agreement", "framework contract", "specification", "specify", "specified",
        "outcomes-based", "outcome based", "outcomes based", "times and tasks", "time and task",
        "block contract", "spot contract", "contract length", "legal challenge",
        "procurement rules", "EU rules", "award", "bid", "bidding", "lot", "lots",
        "decommission", "decommissioning", "re-tender", "terms and conditions", "clause",
        "evaluation criteria", "weighting",
    ),
}
