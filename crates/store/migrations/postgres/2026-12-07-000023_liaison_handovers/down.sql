DROP TABLE liaison_handovers;
