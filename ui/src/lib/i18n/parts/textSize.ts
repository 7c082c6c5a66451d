// Messages of the text size setting (zoom of this laptop's window).

export const id = {
  textSize: {
    title: 'Ukuran teks',
    intro:
      'Perbesar tampilan untuk layar kecil atau proyektor. Berlaku di laptop ini saja dan tetap dipakai saat aplikasi dibuka lagi. Pintasan: Ctrl dan + untuk memperbesar, Ctrl dan − untuk memperkecil, Ctrl dan 0 untuk kembali ke ukuran biasa.',
    label: 'Ukuran tampilan',
    normal: 'biasa',
  },
};

export const en: typeof id = {
  textSize: {
    title: 'Text size',
    intro:
      'Enlarge the display for a small screen or a projector. It applies to this laptop only and stays when the app opens again. Shortcuts: Ctrl and + to enlarge, Ctrl and − to reduce, Ctrl and 0 for the usual size.',
    label: 'Display size',
    normal: 'usual',
  },
};
