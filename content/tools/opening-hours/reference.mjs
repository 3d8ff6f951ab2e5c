// How the reference is called (country "fr" without a state: the 11 national public holidays; mode 0: time ranges).
export const NOMINATIM = { lat: 46.6, lon: 2.4, address: { country_code: 'fr', state: '' } };
export const OPTIONS = { mode: 0, locale: 'en' };
