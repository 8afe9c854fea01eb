//! What buyers write: subject and message templates by kind and language. Placeholders:
//! `{contact}`, `{company}`, `{city}`, `{product}`, `{quantity}`, `{seller}`.

use super::Kind::{Company, Oem, Quote, Reorder, Sample, Spam, Urgent};
use super::Template;
use super::Writes::{Ar, De, En, Es, Fr, Zh};

/// Inquiries any seller gets. Columns: kind, language, subject, message, tags.
#[rustfmt::skip]
pub(super) const COMMON: &[Template] = &[
    (Quote, En, "Price inquiry: {product}", "Dear {seller} team,\n\nWe are {company} based in {city}. We are interested in your {product} and would like a quotation for {quantity}.\n\nPlease send your best FOB Ningbo price, MOQ, lead time and payment terms.\n\nBest regards,\n{contact}", &[]),
    (Quote, En, "Request for quotation – {product}", "Hello,\n\nCould you quote {quantity} of {product}? Please include packing details, carton size and weight so we can calculate freight.\n\nWe usually pay 30% T/T deposit and 70% against B/L copy.\n\nThanks,\n{contact}\n{company}", &[]),
    (Quote, En, "RFQ {product} – {quantity}", "Hi,\n\nWe have a new project and need {quantity} of {product}. What is your best price for CIF delivery? Also please advise warranty terms.\n\nRegards,\n{contact}", &[]),
    (Quote, En, "Looking for a reliable supplier of {product}", "Dear Sir/Madam,\n\nOur current supplier has raised prices twice this year, so we are looking for a new long-term partner. We buy {product} regularly, about {quantity} per order.\n\nPlease send your catalogue and price list.\n\nKind regards,\n{contact}, {company}", &[]),
    (Quote, En, "Best price for {quantity} {product}?", "Hi there, what's your best price for {quantity} of {product}? Delivery to {city}. Thanks. {contact}", &[]),
    (Quote, En, "Quotation needed: {product}", "Good day,\n\nPlease quote {quantity} of {product}, EXW and FOB. We also need to know if you can print our logo on the packaging.\n\n{contact}\nPurchasing, {company}", &[]),
    (Sample, En, "Sample request: {product}", "Hello,\n\nBefore placing an order of {quantity} we would like to test 2–3 samples of {product}. We can pay the sample cost and courier by DHL account.\n\nPlease advise.\n\n{contact}\n{company}", &["sample"]),
    (Oem, En, "OEM order with our brand – {product}", "Dear {seller},\n\nWe sell under our own brand and are looking for an OEM manufacturer for {product}. Quantity {quantity} for the first order, with our logo on product and colour box.\n\nPlease tell us your OEM MOQ and extra cost for custom packaging.\n\nBest regards,\n{contact}\n{company}", &["OEM"]),
    (Oem, En, "Private label cooperation", "Hello,\n\n{company} is expanding its private label range. Could you produce {product} with our label? Estimated {quantity} per year, split into quarterly orders.\n\nLooking forward to your offer.\n{contact}", &["OEM"]),
    (Urgent, En, "URGENT: {quantity} {product} needed this month", "Hello,\n\nWe have an urgent order from our customer and need {quantity} of {product} shipped within 3 weeks. Do you have stock?\n\nPlease reply today if possible.\n\n{contact}\n{company}", &["urgent"]),
    (Urgent, En, "Urgent quotation – tender closes Friday", "Dear team,\n\nWe are bidding for a tender in {city} and need your price for {quantity} of {product} by Thursday at the latest. Please include certificates.\n\nThank you,\n{contact}", &["urgent"]),
    (Reorder, En, "Repeat order: {product}", "Hi,\n\nWe would like to reorder {product}, same specification as last time, {quantity}. Please confirm price is unchanged and send the PI.\n\nThanks,\n{contact}\n{company}", &["repeat buyer"]),
    (Reorder, En, "Next order – {product}", "Dear {seller} team,\n\nThe last shipment sold well. We plan the next order of {quantity} of {product}. Can you ship before the end of next month?\n\nBest,\n{contact}", &["repeat buyer"]),
    (Company, En, "Company introduction and catalogue", "Hello,\n\nWe are {company}, an importer in {city}. Please send us your company profile, full catalogue and price list. We are looking for new suppliers for next season.\n\nRegards,\n{contact}", &[]),
    (Company, En, "Factory audit and certificates", "Dear Sir/Madam,\n\nBefore we start cooperation we need your business licence, ISO 9001 certificate and a recent factory audit report. Do you accept a third-party audit?\n\n{contact}\n{company}", &[]),
    (Quote, De, "Preisanfrage: {product}", "Sehr geehrte Damen und Herren,\n\nwir sind {company} aus {city} und interessieren uns für Ihr Produkt {product}. Bitte senden Sie uns ein Angebot über {quantity}, FOB Ningbo, mit Lieferzeit und Zahlungsbedingungen.\n\nMit freundlichen Grüßen\n{contact}", &[]),
    (Quote, De, "Anfrage {product} – {quantity}", "Guten Tag,\n\nfür ein Projekt in {city} benötigen wir {quantity} {product}. Welche Zertifikate (z. B. CE, RoHS, LFGB) können Sie vorlegen? Bitte schicken Sie uns auch die Datenblätter.\n\nViele Grüße\n{contact}\n{company}", &[]),
    (Sample, De, "Musteranfrage {product}", "Hallo,\n\nkönnten Sie uns zwei Muster von {product} schicken? Bei guter Qualität planen wir eine Erstbestellung von {quantity}.\n\nBeste Grüße\n{contact}", &["sample"]),
    (Reorder, De, "Nachbestellung {product}", "Hallo {seller}-Team,\n\nwir möchten {product} nachbestellen, gleiche Ausführung wie beim letzten Mal, {quantity}. Bitte bestätigen Sie Preis und Liefertermin.\n\nDanke und viele Grüße\n{contact}", &["repeat buyer"]),
    (Quote, Es, "Solicitud de cotización: {product}", "Estimados señores:\n\nSomos {company}, de {city}. Necesitamos una cotización para {quantity} de {product}, precio CIF y plazo de entrega.\n\nQuedamos atentos a su respuesta.\n\nSaludos cordiales,\n{contact}", &[]),
    (Quote, Es, "Consulta de precio – {product}", "Hola,\n\n¿Cuál es su mejor precio para {quantity} de {product}? También nos interesa saber la garantía y si tienen certificados.\n\nGracias,\n{contact}", &[]),
    (Sample, Es, "Pedido de muestras {product}", "Buenos días,\n\nQueremos probar muestras de {product} antes de hacer un pedido de {quantity}. ¿Pueden enviarlas a {city}?\n\nUn saludo,\n{contact}\n{company}", &["sample"]),
    (Quote, Fr, "Demande de prix : {product}", "Bonjour,\n\nNous sommes {company}, basés à {city}. Pourriez-vous nous faire une offre pour {quantity} de {product}, prix FOB et délai de livraison ?\n\nCordialement,\n{contact}", &[]),
    (Quote, Fr, "Demande de devis – {product}", "Madame, Monsieur,\n\nDans le cadre d'un projet, nous recherchons {quantity} de {product}. Merci de nous indiquer vos conditions de paiement et la garantie.\n\nBien à vous,\n{contact}\n{company}", &[]),
    (Oem, Fr, "Fabrication sous notre marque", "Bonjour,\n\nNous souhaitons faire fabriquer {product} sous notre propre marque, première commande {quantity}. Quel est votre MOQ pour un emballage personnalisé ?\n\nCordialement,\n{contact}", &["OEM"]),
    (Quote, Ar, "طلب عرض سعر: {product}", "السلام عليكم،\n\nنحن {company} في {city}. نرغب في الحصول على عرض سعر لـ {quantity} من {product}، مع مدة التسليم وشروط الدفع.\n\nمع خالص التحية،\n{contact}", &[]),
    (Quote, Ar, "استفسار عن {product}", "مرحباً،\n\nما هو أفضل سعر لديكم لـ {quantity} من {product}؟ نحتاج أيضاً إلى الشهادات وفترة الضمان.\n\nشكراً لكم،\n{contact}", &[]),
    (Quote, Zh, "询价：{product}", "您好，\n\n我们是{city}的{company}，想采购{product}，数量{quantity}。请报FOB宁波价格、交期和付款方式。\n\n谢谢！\n{contact}", &[]),
    (Sample, Zh, "样品申请：{product}", "您好，我们想先要几个{product}的样品测试，如果质量没问题，第一单大概{quantity}。样品费和快递费我们可以承担。\n\n{contact}", &["sample"]),
];

/// Chatty messages, the odd one in an inbox (so kept apart and picked rarely).
#[rustfmt::skip]
pub(super) const CASUAL: &[Template] = &[
    (Quote, En, "Saw your booth at the Canton Fair 👋", "Hi 👋\n\nWe met at the Canton Fair last spring, you gave us samples of {product} and our customers liked them 🙂\n\nCan you send an updated price for {quantity}?\n\nCheers,\n{contact}", &[]),
    (Sample, En, "Samples before trial order 📦", "Hi! Can you send samples of {product} to {city}? If quality is OK we will place a trial order of {quantity} next month 🚀\n\n{contact}", &["sample"]),
];

/// Junk that reaches every portal inbox.
#[rustfmt::skip]
pub(super) const SPAM: &[Template] = &[
    (Spam, En, "Increase your website traffic 300%!!!", "Dear Business Owner, we are SEO experts and can bring your website to Google first page in 7 days. Special offer only today!!! Reply now for FREE audit.", &[]),
    (Spam, En, "Congratulations, you have been selected", "Dear friend, your company email was selected to receive USD 2,500,000.00 compensation fund. Send your full name, bank account and passport copy to claim.", &[]),
    (Spam, En, "Crypto investment opportunity 💰💰💰", "Hello dear, earn 40% monthly with our crypto trading robot 💰 Minimum deposit only 500 USDT. Contact me on WhatsApp.", &[]),
];

/// What lighting buyers ask a lighting maker.
#[rustfmt::skip]
pub(super) const LIGHTING: &[Template] = &[
    (Quote, En, "{product} – CE/RoHS and lumen output", "Hello,\n\nWe need {quantity} of {product} for an office refurbishment. Please confirm lumen output, CRI >80, driver brand, flicker-free, and send CE and RoHS certificates with your quotation.\n\nBest regards,\n{contact}\n{company}", &[]),
    (Quote, En, "DLC / UL listed {product}?", "Hi,\n\nIs your {product} DLC and UL listed? Our customers need it for utility rebates. If yes, please quote {quantity}, 5-year warranty.\n\n{contact}", &[]),
    (Quote, En, "Warehouse lighting project – {product}", "Dear {seller},\n\nWe are lighting a 12,000 m² warehouse in {city} and need {quantity} of {product}. Can you also provide a DIALux lighting calculation?\n\nRegards,\n{contact}, {company}", &[]),
    (Urgent, En, "Urgent: street lighting tender – {product}", "Hello,\n\nThe municipality tender closes next week. We need your price for {quantity} of {product}, IP66, with photometric IES files and LM-79 report. Please treat as urgent.\n\n{contact}\n{company}", &["urgent"]),
    (Oem, En, "OEM {product} with our logo and driver", "Hi,\n\nWe want {product} with our logo on the housing and a Philips or Mean Well driver. First order {quantity}. What is the price difference?\n\n{contact}", &["OEM"]),
];

/// What homeware buyers ask a homeware maker.
#[rustfmt::skip]
pub(super) const HOMEWARE: &[Template] = &[
    (Quote, En, "{product} – LFGB / FDA food-grade?", "Hello,\n\nIs your {product} LFGB and FDA food-grade tested? Please quote {quantity} with test reports and gift box packing.\n\n{contact}\n{company}", &[]),
    (Quote, En, "Quotation for {product}, mixed colours", "Hi,\n\nWe need {quantity} of {product} in 3 mixed colours. Can you do mixed colours within one order? Price FOB Ningbo please.\n\nThanks,\n{contact}", &[]),
    (Oem, En, "Private label packaging for {product}", "Dear {seller} team,\n\nWe would like {product} with our own brand on the colour box and a barcode sticker. First order {quantity}.\n\nBest regards,\n{contact}", &["OEM"]),
];
