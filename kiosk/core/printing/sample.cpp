#include "kiosk/core/printing/sample.hpp"

namespace kiosk::printing {

Ticket sample_ticket() {
    Ticket t;
    t.title = "Mon diagnostic numérique";
    t.small("Mairie de Saint-Étienne-du-Rouvray — 14/03/2025 à 10\u202Fh\u202F32");
    t.heading("Ce que vous savez déjà faire");
    t.body("• Envoyer un courriel avec une pièce jointe");
    t.body("• Prendre un rendez-vous médical sur Internet");
    t.heading("À travailler ensemble");
    t.bold("Créer votre compte Ameli et «\u202Fl’identité numérique La\u202FPoste\u202F»");
    t.body(
        "Un conseiller numérique vous accompagne gratuitement : l’atelier dure environ 1\u202Fh\u202F30 et "
        "coûte 0\u202F€.");
    t.separator();
    t.body("Prochain atelier : mardi 18\u00A0mars, 14\u202Fh, salle Œuvre-Émile-Zola (2e étage).");
    t.qr_payload = "https://lesbases.anct.gouv.fr/";
    t.qr_caption = "Scannez pour retrouver les lieux d’aide près de chez vous";
    t.footer = "France Services — aucune donnée n’est conservée";
    return t;
}

}  // namespace kiosk::printing
