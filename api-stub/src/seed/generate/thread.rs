//! What the team and the buyer write after the first message: the rep's replies
//! (in the buyer's language where a Chinese exporter would write it, otherwise in
//! English) and the buyer's follow-ups. Placeholders: `{contact}`, `{product}`,
//! `{quantity}`, `{seller}`, `{rep}`.

use crate::seed::Writes;

/// What a reply does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::seed) enum Reply {
    /// Thanks, questions, catalogue: the inquiry is being worked on.
    Acknowledge,
    /// The quotation is attached.
    Quotation,
}

/// What a buyer's follow-up says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::seed) enum FollowUp {
    /// Asks for news.
    Reminder,
    /// Asks for a better price.
    Negotiate,
    /// Confirms the order.
    Confirm,
    /// Goes elsewhere.
    Decline,
}

/// The language a reply to a buyer writing in `writes` is written in: the
/// buyer's own for the languages the demo team writes, English otherwise.
pub(in crate::seed) fn reply_language(writes: Writes) -> Writes {
    match writes {
        Writes::Ar => Writes::En,
        other => other,
    }
}

/// The reply text, to be filled in.
pub(in crate::seed) fn reply(kind: Reply, writes: Writes) -> &'static str {
    match (kind, reply_language(writes)) {
        (Reply::Acknowledge, Writes::De) => {
            "Sehr geehrte/r {contact},\n\nvielen Dank für Ihre Anfrage zu {product}. Wir prüfen gerade Preis und Liefertermin für {quantity} und melden uns morgen mit einem Angebot. Anbei unser aktueller Katalog.\n\nMit freundlichen Grüßen\n{rep}\n{seller}"
        }
        (Reply::Acknowledge, Writes::Es) => {
            "Estimado/a {contact}:\n\nGracias por su consulta sobre {product}. Estamos revisando precio y plazo de entrega para {quantity} y le enviaremos la cotización mañana. Adjuntamos nuestro catálogo.\n\nSaludos cordiales,\n{rep}\n{seller}"
        }
        (Reply::Acknowledge, Writes::Fr) => {
            "Bonjour {contact},\n\nMerci pour votre demande concernant {product}. Nous vérifions le prix et le délai pour {quantity} et vous enverrons notre offre demain. Vous trouverez notre catalogue en pièce jointe.\n\nCordialement,\n{rep}\n{seller}"
        }
        (Reply::Acknowledge, Writes::Zh) => {
            "{contact}您好，\n\n感谢您对{product}的询价。我们正在核算{quantity}的价格和交期，明天给您发正式报价。附件是我们最新的产品目录。\n\n祝好！\n{rep}\n{seller}"
        }
        (Reply::Acknowledge, _) => {
            "Dear {contact},\n\nThank you for your inquiry about {product}. We are checking price and lead time for {quantity} and will send you our quotation tomorrow. Please find our latest catalogue attached.\n\nBest regards,\n{rep}\n{seller}"
        }
        (Reply::Quotation, Writes::De) => {
            "Sehr geehrte/r {contact},\n\nanbei unser Angebot für {quantity} {product}, FOB Ningbo, Lieferzeit 25–30 Tage nach Anzahlung, Zahlung 30 % Anzahlung und 70 % gegen Kopie B/L. Muster können wir innerhalb einer Woche schicken.\n\nMit freundlichen Grüßen\n{rep}\n{seller}"
        }
        (Reply::Quotation, Writes::Es) => {
            "Estimado/a {contact}:\n\nAdjuntamos nuestra cotización para {quantity} de {product}, FOB Ningbo, plazo de entrega 25–30 días tras el anticipo, pago 30 % por adelantado y 70 % contra copia del B/L.\n\nQuedamos a su disposición.\n{rep}\n{seller}"
        }
        (Reply::Quotation, Writes::Fr) => {
            "Bonjour {contact},\n\nVeuillez trouver ci-joint notre offre pour {quantity} de {product}, FOB Ningbo, délai 25 à 30 jours après acompte, paiement 30 % d'acompte et 70 % contre copie du B/L.\n\nCordialement,\n{rep}\n{seller}"
        }
        (Reply::Quotation, Writes::Zh) => {
            "{contact}您好，\n\n附件是{product}（{quantity}）的报价单，FOB宁波，交期为收到定金后25–30天，付款方式30%定金，70%见提单副本付清。如需样品，一周内可以寄出。\n\n祝好！\n{rep}\n{seller}"
        }
        (Reply::Quotation, _) => {
            "Dear {contact},\n\nPlease find attached our quotation for {quantity} of {product}, FOB Ningbo, lead time 25–30 days after deposit, payment 30% T/T deposit and 70% against B/L copy. Samples can be sent within one week.\n\nBest regards,\n{rep}\n{seller}"
        }
    }
}

/// A reply to an inquiry about the company as a whole.
pub(in crate::seed) fn company_reply(writes: Writes) -> &'static str {
    match reply_language(writes) {
        Writes::De => {
            "Sehr geehrte/r {contact},\n\nvielen Dank für Ihr Interesse an {seller}. Anbei finden Sie unser Firmenprofil, den Katalog und unsere Zertifikate.\n\nMit freundlichen Grüßen\n{rep}"
        }
        Writes::Es => {
            "Estimado/a {contact}:\n\nGracias por su interés en {seller}. Adjuntamos el perfil de la empresa, el catálogo y nuestros certificados.\n\nSaludos cordiales,\n{rep}"
        }
        Writes::Fr => {
            "Bonjour {contact},\n\nMerci de votre intérêt pour {seller}. Vous trouverez ci-joint notre présentation, le catalogue et nos certificats.\n\nCordialement,\n{rep}"
        }
        Writes::Zh => {
            "{contact}您好，\n\n感谢您对{seller}的关注。附件是我们的公司简介、产品目录和相关证书。\n\n祝好！\n{rep}"
        }
        _ => {
            "Dear {contact},\n\nThank you for your interest in {seller}. Please find attached our company profile, full catalogue and certificates.\n\nBest regards,\n{rep}"
        }
    }
}

/// The buyer's follow-up text, in the language they write in.
pub(in crate::seed) fn follow_up(kind: FollowUp, writes: Writes) -> &'static str {
    match (kind, writes) {
        (FollowUp::Reminder, Writes::De) => {
            "Hallo {rep}, gibt es schon Neuigkeiten zu unserer Anfrage? Danke, {contact}"
        }
        (FollowUp::Reminder, Writes::Es) => {
            "Hola {rep}, ¿hay novedades sobre nuestra consulta? Gracias, {contact}"
        }
        (FollowUp::Reminder, Writes::Fr) => {
            "Bonjour {rep}, avez-vous du nouveau concernant notre demande ? Merci, {contact}"
        }
        (FollowUp::Reminder, Writes::Ar) => "مرحباً {rep}، هل من جديد بخصوص طلبنا؟ شكراً، {contact}",
        (FollowUp::Reminder, Writes::Zh) => "{rep}您好，请问我们的询价有进展了吗？谢谢！{contact}",
        (FollowUp::Reminder, Writes::En) => "Hi {rep}, any news on our request? Thanks, {contact}",
        (FollowUp::Negotiate, Writes::De) => {
            "Danke für das Angebot. Ein anderer Lieferant ist etwa 6 % günstiger. Können Sie beim Preis für {quantity} noch etwas machen?\n\n{contact}"
        }
        (FollowUp::Negotiate, Writes::Es) => {
            "Gracias por la cotización. Otro proveedor está un 6 % más barato. ¿Pueden mejorar el precio para {quantity}?\n\n{contact}"
        }
        (FollowUp::Negotiate, Writes::Fr) => {
            "Merci pour l'offre. Un autre fournisseur est environ 6 % moins cher. Pouvez-vous faire un effort sur le prix pour {quantity} ?\n\n{contact}"
        }
        (FollowUp::Negotiate, Writes::Ar) => {
            "شكراً على العرض. مورد آخر أرخص بحوالي 6٪. هل يمكنكم تحسين السعر لـ {quantity}؟\n\n{contact}"
        }
        (FollowUp::Negotiate, Writes::Zh) => {
            "谢谢报价。另一家供应商便宜大约6%，{quantity}的价格能否再优惠一些？\n\n{contact}"
        }
        (FollowUp::Negotiate, Writes::En) => {
            "Thanks for the quotation. Another supplier is about 6% cheaper. Can you do better on the price for {quantity}?\n\n{contact}"
        }
        (FollowUp::Confirm, Writes::De) => {
            "Hallo {rep}, wir bestätigen die Bestellung von {quantity} {product}. Bitte senden Sie uns die Proforma-Rechnung.\n\n{contact}"
        }
        (FollowUp::Confirm, Writes::Es) => {
            "Hola {rep}, confirmamos el pedido de {quantity} de {product}. Por favor envíenos la factura proforma.\n\n{contact}"
        }
        (FollowUp::Confirm, Writes::Fr) => {
            "Bonjour {rep}, nous confirmons la commande de {quantity} de {product}. Merci de nous envoyer la facture pro forma.\n\n{contact}"
        }
        (FollowUp::Confirm, Writes::Ar) => {
            "مرحباً {rep}، نؤكد طلب {quantity} من {product}. يرجى إرسال الفاتورة المبدئية.\n\n{contact}"
        }
        (FollowUp::Confirm, Writes::Zh) => {
            "{rep}您好，我们确认订购{quantity}{product}，请发形式发票。\n\n{contact}"
        }
        (FollowUp::Confirm, Writes::En) => {
            "Hi {rep}, we confirm the order of {quantity} of {product}. Please send the proforma invoice.\n\n{contact}"
        }
        (FollowUp::Decline, Writes::De) => {
            "Vielen Dank für Ihr Angebot. Wir haben uns dieses Mal für einen anderen Lieferanten entschieden.\n\n{contact}"
        }
        (FollowUp::Decline, Writes::Es) => {
            "Muchas gracias por su oferta. Esta vez hemos elegido otro proveedor.\n\n{contact}"
        }
        (FollowUp::Decline, Writes::Fr) => {
            "Merci pour votre offre. Nous avons choisi un autre fournisseur cette fois-ci.\n\n{contact}"
        }
        (FollowUp::Decline, Writes::Ar) => {
            "شكراً على عرضكم. لقد اخترنا مورداً آخر هذه المرة.\n\n{contact}"
        }
        (FollowUp::Decline, Writes::Zh) => "谢谢您的报价，这次我们选择了其他供应商。\n\n{contact}",
        (FollowUp::Decline, Writes::En) => {
            "Thank you for your offer. We have decided to go with another supplier this time.\n\n{contact}"
        }
    }
}
